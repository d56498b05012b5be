package org.imapferry.engine.connection;

/**
 * TLS could not protect the connection: the handshake failed (untrusted or expired certificate,
 * wrong host name, no TLS on the port), or TLS was asked for and the server made it impossible
 * (no STARTTLS, PREAUTH in clear text, bytes slipped in before the handshake). The message says
 * why first, then what the user can do.
 */
public class TlsFailedException extends ConnectionFailedException {
    /** What went wrong, for the code that acts on it and the tests that check it. */
    public enum Reason {
        /** The server's certificate is past its end date. */
        CERTIFICATE_EXPIRED,
        /** The server's certificate is not valid yet (or this machine's clock is behind). */
        CERTIFICATE_NOT_YET_VALID,
        /** The certificate does not name the host connected to. */
        CERTIFICATE_WRONG_HOST,
        /** No trusted authority signed the certificate. */
        CERTIFICATE_UNTRUSTED,
        /** The server answered the TLS handshake with something else, e.g. a clear-text greeting. */
        NOT_TLS,
        /** STARTTLS was required but is not offered, or the server refused it. */
        STARTTLS_UNAVAILABLE,
        /** A PREAUTH greeting on a clear connection where TLS was asked for (RFC 3501 §6.2.1). */
        PREAUTH_WITHOUT_TLS,
        /** Bytes after the STARTTLS OK and before the handshake (CVE-2011-0411). */
        INJECTED_BEFORE_TLS,
        /** Any other failure of the handshake or of the TLS settings. */
        HANDSHAKE
    }

    private final Reason reason;

    public TlsFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
