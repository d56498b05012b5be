package org.imapferry.engine.connection;

/**
 * The connection ended while a command was in flight: the server sent BYE, dropped the socket,
 * or stopped answering. Every command in flight fails with one of these.
 */
public class ConnectionClosedException extends RuntimeException {
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
