package org.imapferry.engine.connection;

/**
 * The server refused the credentials. The message names the user, the host and the server's
 * words, never the password or token.
 */
public class AuthenticationFailedException extends RuntimeException {
    public AuthenticationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
