package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.engine.testserver.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrong kind of port or server, said in the user's terms: TLS against a plain port and the
 * reverse, an SMTP server, a silent one, a SASL mechanism the server does not offer.
 */
class GreetingErrorsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @TempDir
    Path dir;

    private static TestEndpoint alice(FakeImapServer server) {
        return TestEndpoint.at(server.host(), server.port()).login("alice", "pw");
    }

    @Test
    void implicitTlsAgainstAPlainPortSaysSo() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1 STARTTLS] fake ready"))) {
            TlsFailedException e = assertThrows(
                    TlsFailedException.class,
                    () -> connectors.connect(alice(server).security(Endpoint.Security.TLS)));
            assertEquals(TlsFailedException.Reason.NOT_TLS, e.reason(), e.getMessage());
            assertEquals(
                    "TLS handshake with 127.0.0.1:" + server.port() + " failed: the server did not answer TLS"
                            + " (it sent \"* OK [CAPABILITY IMAP4rev1 STARTTLS] fake ready\\r\\n\"); is port "
                            + server.port()
                            + " plain IMAP (try --nossl1/--nossl2)?",
                    e.getMessage());
        }
    }

    @Test
    void implicitTlsAgainstAnHttpServerDoesNotSuggestPlainImap() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"))) {
            TlsFailedException e = assertThrows(
                    TlsFailedException.class,
                    () -> connectors.connect(alice(server).security(Endpoint.Security.TLS)));
            assertEquals(TlsFailedException.Reason.NOT_TLS, e.reason(), e.getMessage());
            assertTrue(
                    e.getMessage()
                            .endsWith("the server did not answer TLS (it sent \"HTTP/1.1 400 Bad Request"
                                    + "\\r\\nConnection: close\\r\\n\\r\\n\"); nor does it look like an IMAP server"),
                    e.getMessage());
        }
    }

    @Test
    void plainAgainstATlsPortSaysSoWithinTheTimeout() {
        TestCertificates certificates = TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES);
        try (FakeImapServer server = FakeImapServer.start(new ImapScript().startTls(certificates))) {
            long start = System.nanoTime();
            NoImapGreetingException e = assertThrows(
                    NoImapGreetingException.class,
                    () -> connectors.connect(alice(server).timeout(Duration.ofMillis(700))));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 4000, "within the timeout");
            assertEquals(
                    "127.0.0.1:" + server.port() + " sent no IMAP greeting within 700 ms; is it an IMAP server,"
                            + " and is port " + server.port() + " a TLS port (try --ssl1/--ssl2)?",
                    e.getMessage());
            assertEquals("", e.sent());
        }
    }

    @Test
    void smtpServerIsNamedByWhatItSaid() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("220 smtp.example.org ESMTP Postfix (Debian/GNU)"))) {
            NoImapGreetingException e =
                    assertThrows(NoImapGreetingException.class, () -> connectors.connect(alice(server)));
            assertEquals(
                    "127.0.0.1:" + server.port() + " does not speak IMAP: it sent \"220 smtp.example.org ESMTP"
                            + " Postfix (Debian/GNU)\\r\\n\" instead of an IMAP greeting",
                    e.getMessage());
        }
    }

    @Test
    void whatANonImapServerSentIsCleanedAndCut() {
        byte[] binary = new byte[200];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 7 == 0 ? 0x1b : 'a' + i % 26);
        }
        binary[binary.length - 1] = '\n';
        try (FakeImapServer server = FakeImapServer.start(new ImapScript().sendRaw(binary))) {
            NoImapGreetingException e =
                    assertThrows(NoImapGreetingException.class, () -> connectors.connect(alice(server)));
            assertTrue(e.sent().startsWith("\\x1Bbcdefg\\x1Bijklmn"), e.sent());
            assertTrue(e.sent().endsWith("..."), e.sent());
            assertTrue(e.sent().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.sent());
            assertTrue(e.getMessage().contains("does not speak IMAP"), e.getMessage());
        }
    }

    @Test
    void serverThatClosesAtOnceIsNamed() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript().close())) {
            NoImapGreetingException e =
                    assertThrows(NoImapGreetingException.class, () -> connectors.connect(alice(server)));
            assertEquals(
                    "127.0.0.1:" + server.port() + " closed the connection without an IMAP greeting", e.getMessage());
        }
    }

    @Test
    void mechanismNotOfferedIsAnAuthenticationErrorNamingWhatIsOffered() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready"))) {
            AuthenticationFailedException e = assertThrows(
                    AuthenticationFailedException.class,
                    () -> connectors.connect(alice(server).mechanism("CRAM-MD5")));
            assertEquals(
                    "cannot log in as alice@127.0.0.1:" + server.port() + ": the authentication mechanism"
                            + " CRAM-MD5 was asked for but 127.0.0.1 does not offer AUTH=CRAM-MD5 (it offers AUTH=PLAIN and"
                            + " the LOGIN command)",
                    e.getMessage());
            server.awaitDone(WAIT);
            assertEquals("", server.receivedText());
        }
    }

    @Test
    void oauthTokenWithoutAnOauthMechanismIsAnAuthenticationError() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready"))) {
            AuthenticationFailedException e = assertThrows(
                    AuthenticationFailedException.class,
                    () -> connectors.connect(TestEndpoint.at(server.host(), server.port())
                            .login("alice", null)
                            .oauthToken("ya29.secret-token")));
            assertTrue(
                    e.getMessage()
                            .contains("offers neither AUTH=XOAUTH2 nor AUTH=OAUTHBEARER (it offers" + " AUTH=PLAIN"),
                    e.getMessage());
            Secrets.assertNamesAccountWithoutPassword(e, "alice", "127.0.0.1", "ya29.secret-token");
            server.awaitDone(WAIT);
            assertEquals("", server.receivedText());
        }
    }
}
