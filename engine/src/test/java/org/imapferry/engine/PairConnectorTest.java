package org.imapferry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.connection.AuthenticationFailedException;
import org.imapferry.engine.connection.Backoff;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** A pair's two sessions are set up side by side, and a failure of either leaves nothing open. */
class PairConnectorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ImapScript login(Duration answerAfter, String answer) {
        return new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1] fake ready")
                .expectLine("A1 LOGIN \\S+ \\S+")
                .pause(answerAfter)
                .send("{tag} " + answer);
    }

    private static ImapScript loggedOut(ImapScript script) {
        return script.expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
    }

    private static PairConnector connector(FakeImapServer source, FakeImapServer target) {
        return connector(source, target, 0, new StopSignal());
    }

    private static PairConnector connector(
            FakeImapServer source, FakeImapServer target, int reconnectMax, StopSignal stop) {
        return new PairConnector(
                Endpoint.plain(source.host(), source.port(), "alice", Secret.of("pw-source")),
                Endpoint.plain(target.host(), target.port(), "bob", Secret.of("pw-target")),
                1,
                0,
                reconnectMax,
                Backoff.DEFAULT,
                stop);
    }

    @Test
    void theTargetIsSetUpWhileTheSourceStillLogsIn() throws Exception {
        try (FakeImapServer source = FakeImapServer.start(
                        loggedOut(login(Duration.ofSeconds(3), "OK [CAPABILITY IMAP4rev1] logged in")));
                FakeImapServer target =
                        FakeImapServer.start(loggedOut(login(Duration.ZERO, "OK [CAPABILITY IMAP4rev1] logged in")));
                PairConnector connector = connector(source, target)) {
            CompletableFuture<PairConnector.SessionPair> pair =
                    CompletableFuture.supplyAsync(() -> connector.open(connector.nextLoop(), true, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (target.connections() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, target.connections(), "the target was reached during the source's login");
            assertFalse(pair.isDone(), "the pair waits for the source's answer");
            PairConnector.SessionPair opened = pair.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(opened.isOpen());
            opened.close();
            source.awaitDone(WAIT);
            target.awaitDone(WAIT);
        }
    }

    @Test
    void aSourceRefusedIsTheFailureAndTheOpenedTargetIsLoggedOut() {
        try (FakeImapServer source =
                        FakeImapServer.start(login(Duration.ofMillis(500), "NO [AUTHENTICATIONFAILED] wrong password")
                                .close());
                FakeImapServer target =
                        FakeImapServer.start(loggedOut(login(Duration.ZERO, "OK [CAPABILITY IMAP4rev1] logged in")));
                PairConnector connector = connector(source, target)) {
            PairConnector.SideFailedException e = assertThrows(
                    PairConnector.SideFailedException.class, () -> connector.open(connector.nextLoop(), true, false));
            assertTrue(e.source(), e.getMessage());
            assertInstanceOf(AuthenticationFailedException.class, e.getCause());
            target.awaitDone(WAIT);
        }
    }

    @Test
    void aTargetRefusedIsTheFailureAndTheSourceIsLoggedOut() {
        try (FakeImapServer source =
                        FakeImapServer.start(loggedOut(login(Duration.ZERO, "OK [CAPABILITY IMAP4rev1] logged in")));
                FakeImapServer target =
                        FakeImapServer.start(login(Duration.ofMillis(500), "NO [AUTHENTICATIONFAILED] wrong password")
                                .close());
                PairConnector connector = connector(source, target)) {
            PairConnector.SideFailedException e = assertThrows(
                    PairConnector.SideFailedException.class, () -> connector.open(connector.nextLoop(), true, false));
            assertFalse(e.source(), e.getMessage());
            assertInstanceOf(AuthenticationFailedException.class, e.getCause());
            source.awaitDone(WAIT);
        }
    }

    @Test
    void aFailureComesOutUnwrapped() {
        try (FakeImapServer source =
                        FakeImapServer.start(loggedOut(login(Duration.ZERO, "OK [CAPABILITY IMAP4rev1] logged in")));
                FakeImapServer target = FakeImapServer.start(
                        login(Duration.ZERO, "NO [AUTHENTICATIONFAILED] no").close());
                PairConnector connector = connector(source, target)) {
            RuntimeException e =
                    assertThrows(RuntimeException.class, () -> connector.open(connector.nextLoop(), true, false));
            assertFalse(e instanceof CompletionException, e.toString());
        }
    }

    @Test
    void aSessionClosedByAStopIsNotReplacedNorCounted() {
        StopSignal stop = new StopSignal();
        try (FakeImapServer source = FakeImapServer.start(login(Duration.ZERO, "OK [CAPABILITY IMAP4rev1] in"));
                FakeImapServer target =
                        FakeImapServer.start(loggedOut(login(Duration.ZERO, "OK [CAPABILITY IMAP4rev1] in")));
                PairConnector connector = connector(source, target, 3, stop)) {
            PairConnector.SessionPair pair = connector.open(connector.nextLoop(), true, false);
            pair.source().channel().close().syncUninterruptibly();
            stop.request();
            PairConnector.SideFailedException e = assertThrows(
                    PairConnector.SideFailedException.class, () -> connector.restore(pair, connector.nextLoop()));
            assertTrue(e.source());
            assertEquals("the run was stopped", e.getMessage());
            assertEquals(3, connector.reconnectsLeft(), "no reconnection taken from the budget");
            assertEquals(1, source.connections(), "no new connection to the source");
            target.awaitDone(WAIT);
        }
    }
}
