package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.command.ImapCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session whose APPENDs wait for "+" (no LITERAL+) acknowledges every read at once; one with
 * LITERAL+ keeps the kernel's delayed acknowledgements. What that is worth in time is measured by
 * the benchmark against a server with Nagle on, not here.
 */
class QuickAckTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    private static ImapScript loggedInWith(String capabilities) {
        return new ImapScript()
                .send("* OK [CAPABILITY " + capabilities + "] fake ready")
                .expectLine("A1 LOGIN alice \\S+")
                .send("{tag} OK [CAPABILITY " + capabilities + "] logged in");
    }

    private static String handlersAfterLogin(String capabilities) {
        try (FakeImapServer server = FakeImapServer.start(FakeServers.loggedOut(loggedInWith(capabilities)))) {
            ImapSession session = connectors.connect(
                    TestEndpoint.at(server.host(), server.port()).login("alice", "pw"));
            String names = String.join(" ", session.channel().pipeline().names());
            session.close();
            server.awaitDone(WAIT);
            return names;
        }
    }

    @Test
    void aServerWithoutLiteralPlusIsAcknowledgedAtOnce() {
        String names = handlersAfterLogin("IMAP4rev1 UIDPLUS");
        assertTrue(names.startsWith(QuickAck.NAME + " "), names);
    }

    @Test
    void literalMinusStillWaitsForLargeMessagesSoItIsAcknowledgedAtOnce() {
        String names = handlersAfterLogin("IMAP4rev1 LITERAL- UIDPLUS");
        assertTrue(names.startsWith(QuickAck.NAME + " "), names);
    }

    @Test
    void aServerWithLiteralPlusKeepsDelayedAcknowledgements() {
        String names = handlersAfterLogin("IMAP4rev1 LITERAL+ UIDPLUS");
        assertFalse(names.contains(QuickAck.NAME), names);
    }

    @Test
    void theTransportsOptionIsOneTheSocketTakes() {
        try (FakeImapServer server = FakeImapServer.start(FakeServers.loggedOut(loggedInWith("IMAP4rev1")))) {
            ImapSession session = connectors.connect(
                    TestEndpoint.at(server.host(), server.port()).login("alice", "pw"));
            assertTrue(session.channel().config().setOption(Transport.best().quickAck(), true));
            session.close();
            server.awaitDone(WAIT);
        }
    }

    @Test
    void aChannelThatCannotTakeTheOptionGetsNoHandler() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertFalse(QuickAck.install(channel, Transport.best().quickAck()));
        assertNull(channel.pipeline().get(QuickAck.NAME));
        assertFalse(QuickAck.install(channel, null));
        assertFalse(channel.finish());
    }

    @Test
    void answersStillReachTheCommandsBehindIt() {
        ImapScript script = loggedInWith("IMAP4rev1").expectLine("A2 NOOP").send("{tag} OK noop done");
        try (FakeImapServer server = FakeImapServer.start(FakeServers.loggedOut(script))) {
            ImapSession session = connectors.connect(
                    TestEndpoint.at(server.host(), server.port()).login("alice", "pw"));
            assertNotNull(session.channel().pipeline().get(QuickAck.NAME));
            assertEquals(
                    "noop done", session.run(ImapCommands.noop()).completion().text());
            session.close();
            server.awaitDone(WAIT);
        }
    }
}
