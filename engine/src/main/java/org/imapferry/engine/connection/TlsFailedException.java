package org.imapferry.engine.connection;

/** The TLS handshake failed; the message says why (untrusted certificate, wrong host name...). */
public class TlsFailedException extends ConnectionFailedException {
    public TlsFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
