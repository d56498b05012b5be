package org.imapferry.engine.connection;

/** The connection could not be opened: unknown host, refused, timed out, or the server said BYE. */
public class ConnectionFailedException extends RuntimeException {
    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
