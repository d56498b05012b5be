package org.imapferry.engine.connection;

import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import org.imapferry.engine.connection.TlsFailedException.Reason;

/**
 * A failed TLS handshake in words a user can act on: the reason first, then the way out, and no
 * advice that does not fit (trusting another CA does not help an expired certificate).
 */
public final class TlsFailures {
    private static final String INSECURE = "--insecure1/--insecure2";

    private TlsFailures() {}

    /**
     * @param cause what the handshake failed with
     * @param sent  what the server sent before the handshake failed, printable (see {@link FirstBytes}), or ""
     */
    public static TlsFailedException explain(Endpoint endpoint, Throwable cause, String sent) {
        String host = endpoint.host();
        String failed = "TLS handshake with " + host + ":" + endpoint.port() + " failed: ";
        Reason reason = classify(cause);
        String message = switch (reason) {
            case CERTIFICATE_EXPIRED ->
                failed + "the certificate of " + host + " has expired ("
                        + detail(cause, CertificateExpiredException.class)
                        + "); the server's administrator must renew it,"
                        + " or turn verification off explicitly with " + INSECURE;
            case CERTIFICATE_NOT_YET_VALID ->
                failed + "the certificate of " + host + " is not yet valid ("
                        + detail(cause, CertificateNotYetValidException.class)
                        + "); check this machine's clock, or turn"
                        + " verification off explicitly with " + INSECURE;
            case CERTIFICATE_WRONG_HOST ->
                failed + "the certificate of " + host + " is issued for another name ("
                        + sslMessage(cause) + "); connect with a host name the certificate names, or turn verification"
                        + " off explicitly with " + INSECURE;
            case CERTIFICATE_UNTRUSTED ->
                failed + sslMessage(cause) + "; the server's certificate is not trusted:"
                        + " trust its CA with --sslcafile1/--sslcafile2 PEM, or turn verification off explicitly with "
                        + INSECURE;
            case NOT_TLS ->
                failed + "the server did not answer TLS" + (sent.isEmpty() ? "" : " (it sent \"" + sent + "\")")
                        + notTls(endpoint, sent);
            default -> failed + sslMessage(cause);
        };
        return new TlsFailedException(reason, message, cause);
    }

    /** What a clear-text answer to a ClientHello suggests: a plain IMAP port, or no IMAP server at all. */
    private static String notTls(Endpoint endpoint, String sent) {
        if (endpoint.security() != Endpoint.Security.TLS) {
            return " after agreeing to STARTTLS";
        }
        // RFC 3501 §7.1: an IMAP greeting is an untagged OK, PREAUTH or BYE.
        if (sent.isEmpty() || sent.startsWith("* ")) {
            return "; is port " + endpoint.port() + " plain IMAP (try --nossl1/--nossl2)?";
        }
        return "; nor does it look like an IMAP server";
    }

    private static Reason classify(Throwable cause) {
        boolean certificate = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return Reason.NOT_TLS;
            }
            if (t instanceof CertificateExpiredException) {
                return Reason.CERTIFICATE_EXPIRED;
            }
            if (t instanceof CertificateNotYetValidException) {
                return Reason.CERTIFICATE_NOT_YET_VALID;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            // The JDK's host name check (sun.security.util.HostnameChecker) says only this.
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return Reason.CERTIFICATE_WRONG_HOST;
            }
            certificate |= t instanceof CertificateException
                    || t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException
                    || message.contains("PKIX")
                    || message.contains("certificate");
        }
        return certificate ? Reason.CERTIFICATE_UNTRUSTED : Reason.HANDSHAKE;
    }

    /** The message of the first throwable of the type in the chain ("NotAfter: Sat Nov 28 ..."). */
    private static String detail(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t) && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return type.getSimpleName();
    }

    /**
     * The JDK's own words, from the SSLException ("PKIX path building failed: ... unable to find
     * valid certification path"); the root cause alone loses "PKIX".
     */
    private static String sslMessage(Throwable cause) {
        Throwable root = cause;
        Throwable ssl = null;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (ssl == null && t instanceof SSLException) {
                ssl = t;
            }
        }
        Throwable shown = ssl != null && ssl.getMessage() != null ? ssl : root;
        return shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    }
}
