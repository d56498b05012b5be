package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A password is not sent without TLS to a host that is not this machine. The fake server listens
 * on 127.0.0.1 only; the connector is told to treat it as remote, so no traffic leaves the host.
 */
class CleartextRefusalTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PASSWORD = "cl3ar-text-pw";

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        connectors.connector().loopbackHosts(host -> false);
    }

    private static TestEndpoint alice(FakeImapServer server) {
        return TestEndpoint.at(server.host(), server.port()).login("alice", PASSWORD);
    }

    @Test
    void refusedBeforeAnythingIsSent() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready"))) {
            AuthenticationFailedException e =
                    assertThrows(AuthenticationFailedException.class, () -> connectors.connect(alice(server)));
            server.awaitDone(WAIT);
            assertTrue(e.getMessage().contains("refusing to send the credentials"), e.getMessage());
            assertTrue(e.getMessage().contains(CleartextPolicy.ALLOW_OPTION), e.getMessage());
            Secrets.assertNamesAccountWithoutPassword(e, "alice", server.host(), PASSWORD);
            assertEquals("", server.receivedText());
        }
    }

    @Test
    void refusedAfterAskingForCapabilitiesButBeforeLogin() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK fake ready")
                .expectLine("A1 CAPABILITY")
                .send("* CAPABILITY IMAP4rev1")
                .send("{tag} OK done"))) {
            assertThrows(AuthenticationFailedException.class, () -> connectors.connect(alice(server)));
            server.awaitDone(WAIT);
            assertEquals("A1 CAPABILITY\r\n", server.receivedText());
        }
    }

    @Test
    void starttlsIfOfferedWithoutStarttlsIsRefusedToo() {
        try (FakeImapServer server =
                FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1] fake ready"))) {
            assertThrows(
                    AuthenticationFailedException.class,
                    () -> connectors.connect(alice(server).security(Endpoint.Security.STARTTLS_IF_OFFERED)));
            server.awaitDone(WAIT);
            assertEquals("", server.receivedText());
        }
    }

    @Test
    void explicitPermissionSendsTheLogin() {
        try (FakeImapServer server = FakeImapServer.start(FakeServers.loggedOut(FakeServers.loggedIn()))) {
            connectors.connect(alice(server).allowCleartext()).close();
            server.awaitDone(WAIT);
            assertTrue(server.receivedText().startsWith("A1 LOGIN alice " + PASSWORD), server.receivedText());
        }
    }
}
