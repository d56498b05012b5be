package org.imapferry.engine.connection;

/**
 * The server ended the connection with BYE (RFC 3501 §7.1.5): it chose to, and said why, so the
 * connection did not merely drop.
 */
public final class ServerByeException extends ConnectionClosedException {
    public ServerByeException(String message, Throwable cause) {
        super(message, cause);
    }
}
