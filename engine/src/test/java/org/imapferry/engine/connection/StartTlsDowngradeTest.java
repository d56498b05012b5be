package org.imapferry.engine.connection;

import static org.imapferry.engine.connection.FakeServers.loggedOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.time.Duration;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.engine.testserver.TestCertificates;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.types.Capability;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server (or someone between) that tries to keep a connection the user wanted protected in
 * clear text: PREAUTH instead of STARTTLS, responses slipped in before the handshake, STARTTLS
 * refused; and the capabilities that must be asked again once TLS is up.
 */
class StartTlsDowngradeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @TempDir
    static Path dir;

    private static TestCertificates certificates;

    @BeforeAll
    static void certificates() {
        certificates = TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES);
    }

    private static TestEndpoint alice(FakeImapServer server, Endpoint.Security security) {
        return TestEndpoint.at(server.host(), server.port())
                .login("alice", "pw")
                .security(security)
                .trustFile(certificates.caFile());
    }

    private static TlsFailedException refused(TestEndpoint endpoint, TlsFailedException.Reason reason) {
        TlsFailedException e = assertThrows(TlsFailedException.class, () -> connectors.connect(endpoint));
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    @Test
    void preauthWhereStarttlsIsRequiredEndsBeforeAnyCommand() {
        for (String greeting :
                new String[] {"* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome back", "* PREAUTH welcome back"}) {
            try (FakeImapServer server = FakeImapServer.start(new ImapScript().send(greeting))) {
                TlsFailedException e = refused(
                        alice(server, Endpoint.Security.STARTTLS), TlsFailedException.Reason.PREAUTH_WITHOUT_TLS);
                server.awaitDone(WAIT);
                assertTrue(
                        e.getMessage()
                                .startsWith("127.0.0.1:" + server.port() + " greeted with PREAUTH on a"
                                        + " connection without TLS"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("--ssl1/--ssl2"), e.getMessage());
                assertEquals("", server.receivedText(), "no command, not even CAPABILITY, after " + greeting);
            }
        }
    }

    @Test
    void preauthWhenStarttlsIsOfferedEndsTheDefaultToo() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome back"))) {
            refused(
                    alice(server, Endpoint.Security.STARTTLS_IF_OFFERED),
                    TlsFailedException.Reason.PREAUTH_WITHOUT_TLS);
            server.awaitDone(WAIT);
            assertEquals("", server.receivedText());
        }
    }

    @Test
    void preauthWithoutStarttlsOfferedGoesOnWithTheDefaultAndWithoutTls() {
        for (Endpoint.Security security :
                new Endpoint.Security[] {Endpoint.Security.STARTTLS_IF_OFFERED, Endpoint.Security.PLAIN}) {
            try (FakeImapServer server = FakeImapServer.start(loggedOut(new ImapScript()
                    .send("* PREAUTH [CAPABILITY IMAP4rev1] welcome back")
                    .expectLine("A1 NOOP")
                    .send("{tag} OK done")))) {
                try (ImapSession session = connectors.connect(alice(server, security))) {
                    assertNull(session.channel().pipeline().get(SslHandler.class));
                    session.run(new Noop());
                }
                server.awaitDone(WAIT);
                assertFalse(server.receivedText().contains("LOGIN"), server.receivedText());
            }
        }
    }

    @Test
    void bytesAfterTheStarttlsOkInTheSameReadAreRefused() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready")
                .expectLine("A1 STARTTLS")
                .send("{tag} OK Begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN"))) {
            TlsFailedException e =
                    refused(alice(server, Endpoint.Security.STARTTLS), TlsFailedException.Reason.INJECTED_BEFORE_TLS);
            server.awaitDone(WAIT);
            assertTrue(
                    e.getMessage()
                            .startsWith("127.0.0.1:" + server.port() + " sent 35 more bytes right after its"
                                    + " STARTTLS OK, before TLS began"),
                    e.getMessage());
            assertEquals("A1 STARTTLS\r\n", server.receivedText());
        }
    }

    @Test
    void bytesAfterTheStarttlsOkInALaterReadFailTheHandshake() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready")
                .expectLine("A1 STARTTLS")
                .send("{tag} OK Begin TLS negotiation now")
                .pause(Duration.ofMillis(100))
                .send("* CAPABILITY IMAP4rev1 AUTH=PLAIN"))) {
            TlsFailedException e =
                    refused(alice(server, Endpoint.Security.STARTTLS), TlsFailedException.Reason.NOT_TLS);
            assertTrue(e.getMessage().contains("did not answer TLS after agreeing to STARTTLS"), e.getMessage());
            assertFalse(server.receivedText().contains("LOGIN"), server.receivedText());
        }
    }

    @Test
    void starttlsRefusedWhereItIsRequiredIsATlsFailure() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready")
                .expectLine("A1 STARTTLS")
                .send("{tag} NO [UNAVAILABLE] TLS is not configured"))) {
            TlsFailedException e =
                    refused(alice(server, Endpoint.Security.STARTTLS), TlsFailedException.Reason.STARTTLS_UNAVAILABLE);
            assertTrue(e.getMessage().contains("refused STARTTLS: TLS is not configured"), e.getMessage());
            server.awaitDone(WAIT);
        }
    }

    @Test
    void capabilitiesFromBeforeTlsAreForgottenAndAskedAgain() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED AUTH=XFAKE] ready")
                .expectLine("A1 STARTTLS")
                .send("{tag} OK Begin TLS negotiation now")
                .startTls(certificates)
                .expectLine("A2 CAPABILITY")
                .send("* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN")
                .send("{tag} OK done")
                .expectLine("A3 AUTHENTICATE PLAIN \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1] logged in")))) {
            try (ImapSession session = connectors.connect(alice(server, Endpoint.Security.STARTTLS))) {
                assertNotNull(session.channel().pipeline().get(SslHandler.class));
                assertFalse(
                        session.has(Capability.STARTTLS), session.capabilities().toString());
                assertFalse(
                        session.has(Capability.LOGINDISABLED),
                        session.capabilities().toString());
            }
            server.awaitDone(WAIT);
        }
    }
}
