package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.imapferry.engine.connection.TlsFailedException.Reason;
import org.junit.jupiter.api.Test;

/** The JDK's handshake failures, as it chains them, turned into reasons and advice that fit. */
class TlsFailuresTest {
    private static final Endpoint IMPLICIT = endpoint(Endpoint.Security.TLS);

    private static Endpoint endpoint(Endpoint.Security security) {
        return new Endpoint(
                "mail.example.org",
                993,
                security,
                "alice",
                null,
                null,
                null,
                null,
                null,
                true,
                false,
                null,
                Duration.ofSeconds(5),
                false);
    }

    /** As the JDK reports a certificate problem: an SSLHandshakeException over the validator's words. */
    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void expiryFoundDeepInTheChainIsNamedWithoutTheCaAdvice() {
        Throwable chain = handshake(
                "PKIX path validation failed: validity check failed",
                new CertPathValidatorException(
                        "validity check failed",
                        new CertificateExpiredException("NotAfter: Sun Nov 29 22:00:00 UTC 2026")));
        TlsFailedException e = TlsFailures.explain(IMPLICIT, chain, "");
        assertEquals(Reason.CERTIFICATE_EXPIRED, e.reason());
        assertEquals(
                "TLS handshake with mail.example.org:993 failed: the certificate of mail.example.org has expired"
                        + " (NotAfter: Sun Nov 29 22:00:00 UTC 2026); the server's administrator must renew it, or turn"
                        + " verification off explicitly with --insecure1/--insecure2",
                e.getMessage());
    }

    @Test
    void wrongHostAndUntrustedAreToldApart() {
        TlsFailedException wrongHost = TlsFailures.explain(
                IMPLICIT,
                handshake(
                        "No subject alternative DNS name" + " matching mail.example.org found.",
                        new CertificateException(
                                "No subject alternative DNS name" + " matching mail.example.org found.")),
                "");
        assertEquals(Reason.CERTIFICATE_WRONG_HOST, wrongHost.reason());
        assertFalse(wrongHost.getMessage().contains("--sslcafile"), wrongHost.getMessage());
        TlsFailedException untrusted = TlsFailures.explain(
                IMPLICIT,
                handshake(
                        "PKIX path building failed:" + " unable to find valid certification path to requested target",
                        null),
                "");
        assertEquals(Reason.CERTIFICATE_UNTRUSTED, untrusted.reason());
        assertTrue(
                untrusted.getMessage().contains("PKIX path building failed")
                        && untrusted.getMessage().contains("--sslcafile1/--sslcafile2"),
                untrusted.getMessage());
    }

    @Test
    void clearTextAnswerSuggestsThePlainPortOnlyForImplicitTls() {
        NotSslRecordException notTls = new NotSslRecordException("not an SSL/TLS record: 2a204f4b");
        assertTrue(TlsFailures.explain(IMPLICIT, notTls, "* OK ready\\r\\n")
                .getMessage()
                .endsWith("(it sent \"* OK ready\\r\\n\"); is port 993 plain IMAP (try --nossl1/--nossl2)?"));
        TlsFailedException afterStarttls = TlsFailures.explain(endpoint(Endpoint.Security.STARTTLS), notTls, "");
        assertEquals(Reason.NOT_TLS, afterStarttls.reason());
        assertTrue(
                afterStarttls.getMessage().endsWith("the server did not answer TLS after agreeing to STARTTLS"),
                afterStarttls.getMessage());
        assertFalse(afterStarttls.getMessage().contains("2a204f4b"), "no hex dump: " + afterStarttls.getMessage());
    }

    @Test
    void anythingElseKeepsTheJdksWords() {
        TlsFailedException e = TlsFailures.explain(
                IMPLICIT, new SSLHandshakeException("Received fatal alert:" + " protocol_version"), "");
        assertEquals(Reason.HANDSHAKE, e.reason());
        assertEquals(
                "TLS handshake with mail.example.org:993 failed: Received fatal alert: protocol_version",
                e.getMessage());
    }
}
