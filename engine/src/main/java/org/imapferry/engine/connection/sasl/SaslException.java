package org.imapferry.engine.connection.sasl;

/**
 * Authentication cannot proceed: the server does not offer what is needed, a credential is
 * missing, or the server's challenges make no sense. Messages never contain credentials.
 */
public final class SaslException extends RuntimeException {
    public SaslException(String message) {
        super(message);
    }
}
