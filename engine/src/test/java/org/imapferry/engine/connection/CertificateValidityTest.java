package org.imapferry.engine.connection;

import static org.imapferry.engine.connection.FakeServers.loggedOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.engine.testserver.TestCertificates;
import org.imapferry.engine.testserver.TestCertificates.Validity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates signed by a trusted CA that are still wrong: expired, not yet valid, for another
 * host. Each is refused with the reason first and the host named, and accepted with --insecure.
 */
class CertificateValidityTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @TempDir
    Path dir;

    /** Implicit TLS with the certificate, then a greeting and a LOGIN, unless the client gives up first. */
    private static ImapScript tlsServer(TestCertificates certificates) {
        return loggedOut(new ImapScript()
                .startTls(certificates)
                .send("* OK [CAPABILITY IMAP4rev1] fake ready")
                .expectLine("A1 LOGIN alice \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1] logged in"));
    }

    private static TestEndpoint alice(FakeImapServer server, TestCertificates certificates) {
        return TestEndpoint.at(server.host(), server.port())
                .login("alice", "pw")
                .security(Endpoint.Security.TLS)
                .trustFile(certificates.caFile());
    }

    private static TlsFailedException refused(TestCertificates certificates, TlsFailedException.Reason reason) {
        try (FakeImapServer server = FakeImapServer.start(tlsServer(certificates))) {
            TlsFailedException e =
                    assertThrows(TlsFailedException.class, () -> connectors.connect(alice(server, certificates)));
            assertEquals(reason, e.reason(), e.getMessage());
            assertTrue(
                    e.getMessage().startsWith("TLS handshake with 127.0.0.1:" + server.port() + " failed: "),
                    e.getMessage());
            assertFalse(server.receivedText().contains("LOGIN"), server.receivedText());
            return e;
        }
    }

    private static void acceptedWhenInsecure(TestCertificates certificates) {
        try (FakeImapServer server = FakeImapServer.start(tlsServer(certificates))) {
            try (ImapSession session =
                    connectors.connect(alice(server, certificates).insecure())) {
                assertNotNull(session.channel().pipeline().get(SslHandler.class));
            }
            server.awaitDone(WAIT);
        }
    }

    @Test
    void expiredCertificateIsRefusedAndNamed() {
        TestCertificates expired =
                TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES, Validity.expired());
        String m =
                refused(expired, TlsFailedException.Reason.CERTIFICATE_EXPIRED).getMessage();
        assertTrue(m.contains("the certificate of 127.0.0.1 has expired"), m);
        assertTrue(m.contains("--insecure1/--insecure2"), m);
        assertFalse(m.contains("--sslcafile"), "trusting another CA does not help: " + m);
        acceptedWhenInsecure(expired);
    }

    @Test
    void certificateNotYetValidIsRefusedAndNamed() {
        TestCertificates early =
                TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES, Validity.notYetValid());
        String m = refused(early, TlsFailedException.Reason.CERTIFICATE_NOT_YET_VALID)
                .getMessage();
        assertTrue(m.contains("the certificate of 127.0.0.1 is not yet valid"), m);
        assertTrue(m.contains("clock"), m);
        acceptedWhenInsecure(early);
    }

    @Test
    void certificateForAnotherHostIsRefused() {
        TestCertificates other = TestCertificates.signedByCa(dir, List.of("mail.example.org"));
        String m =
                refused(other, TlsFailedException.Reason.CERTIFICATE_WRONG_HOST).getMessage();
        assertTrue(m.contains("the certificate of 127.0.0.1 is issued for another name"), m);
        acceptedWhenInsecure(other);
    }

    @Test
    void currentCertificateFromTheTrustedCaIsAccepted() {
        TestCertificates good = TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES);
        try (FakeImapServer server = FakeImapServer.start(tlsServer(good))) {
            try (ImapSession session = connectors.connect(alice(server, good))) {
                assertNotNull(session.channel().pipeline().get(SslHandler.class));
            }
            server.awaitDone(WAIT);
        }
    }
}
