package org.imapferry.engine.connection;

import static org.imapferry.engine.connection.FakeServers.loggedIn;
import static org.imapferry.engine.connection.FakeServers.loggedOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.SequenceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What commands see when the server refuses them, says BYE, drops the connection or goes silent. */
class ConnectionFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    private static ImapSession connect(FakeImapServer server) {
        return connectors.connect(TestEndpoint.at(server.host(), server.port()).login("alice", "pw"));
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void byeFailsEveryCommandInFlightWithTheServersWords() {
        ImapScript script = loggedIn();
        for (int i = 0; i < 10; i++) {
            script.expectLine("A" + (i + 2) + " NOOP");
        }
        script.send("* BYE server shutting down for maintenance").close();
        try (FakeImapServer server = FakeImapServer.start(script)) {
            ImapSession session = connect(server);
            List<CompletableFuture<CommandResult>> inFlight = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                inFlight.add(session.submit(new Noop()));
            }
            for (CompletableFuture<CommandResult> command : inFlight) {
                ConnectionClosedException e = assertInstanceOf(ConnectionClosedException.class, failureOf(command));
                assertTrue(e.getMessage().contains("BYE server shutting down for maintenance"), e.getMessage());
            }
            server.awaitDone(WAIT);
            assertFalse(session.isOpen());
            ConnectionClosedException later =
                    assertThrows(ConnectionClosedException.class, () -> session.run(new Noop()));
            assertTrue(later.getMessage().contains("maintenance"), later.getMessage());
            session.close();
        }
    }

    @Test
    void dropMidLiteralFailsTheFetch() {
        byte[] tenBytes = "Subject: x".getBytes(StandardCharsets.US_ASCII);
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("A2 UID FETCH 1 BODY\\.PEEK\\[]")
                .send("* 1 FETCH (UID 1 BODY[] {100}")
                .sendRaw(tenBytes)
                .close())) {
            ImapSession session = connect(server);
            CompletableFuture<CommandResult> fetch =
                    session.submit(new UidFetch(SequenceSet.of(1), List.of("BODY.PEEK[]"), null, false));
            ConnectionClosedException e = assertInstanceOf(ConnectionClosedException.class, failureOf(fetch));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            server.awaitDone(WAIT);
            assertFalse(session.isOpen());
            session.close();
        }
    }

    @Test
    void noAndBadCarryTheCodeAndText() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(loggedIn()
                .expectLine("A2 SELECT Missing")
                .send("{tag} NO [TRYCREATE] Mailbox doesn't exist: Missing")
                .expectLine("A3 CREATE Big")
                .send("{tag} NO [OVERQUOTA] Quota exceeded (mailbox for user is full)")
                .expectLine("A4 NOOP")
                .send("{tag} BAD [CLIENTBUG] Unexpected argument")
                .expectLine("A5 CREATE Other")
                .send("{tag} NO [X-GM-ERR 42 slow] Try later")
                .expectLine("A6 NOOP")
                .send("{tag} OK still here")))) {
            try (ImapSession session = connect(server)) {
                ImapCommandException tryCreate = assertThrows(
                        ImapCommandException.class,
                        () -> session.run(new Select(MailboxName.of("Missing"), false, false, null)));
                assertTrue(tryCreate.hasCode(ResponseCode.TryCreate.class), tryCreate.getMessage());
                assertFalse(tryCreate.isBad());
                assertEquals("Mailbox doesn't exist: Missing", tryCreate.serverText());
                assertEquals("SELECT failed: NO [TRYCREATE] Mailbox doesn't exist: Missing", tryCreate.getMessage());

                ImapCommandException quota = assertThrows(
                        ImapCommandException.class, () -> session.run(new Create(MailboxName.of("Big"), List.of())));
                assertTrue(quota.hasCode(ResponseCode.OverQuota.class), quota.getMessage());
                assertTrue(quota.getMessage().contains("[OVERQUOTA] Quota exceeded"), quota.getMessage());

                ImapCommandException bad = assertThrows(ImapCommandException.class, () -> session.run(new Noop()));
                assertTrue(bad.isBad());
                assertEquals(new ResponseCode.Other("CLIENTBUG", ""), bad.code());
                assertEquals("NOOP failed: BAD [CLIENTBUG] Unexpected argument", bad.getMessage());

                ImapCommandException other = assertThrows(
                        ImapCommandException.class, () -> session.run(new Create(MailboxName.of("Other"), List.of())));
                assertEquals(new ResponseCode.Other("X-GM-ERR", "42 slow"), other.code());
                assertEquals("CREATE failed: NO [X-GM-ERR 42 slow] Try later", other.getMessage());

                assertTrue(session.isOpen(), "NO and BAD do not end the session");
                assertEquals("still here", session.run(new Noop()).completion().text());
            }
            server.awaitDone(WAIT);
        }
    }

    @Test
    void aRefusedSetupCommandIsAConnectionFailure() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK fake ready without capabilities")
                .expectLine("A1 CAPABILITY")
                .send("{tag} BAD [CLIENTBUG] not now"))) {
            ConnectionFailedException e = assertThrows(ConnectionFailedException.class, () -> connect(server));
            assertEquals(
                    "alice@127.0.0.1:" + server.port() + " cannot be used: CAPABILITY failed: BAD [CLIENTBUG] not"
                            + " now",
                    e.getMessage());
            server.awaitDone(WAIT);
        }
    }

    @Test
    void silentServerHitsTheCommandTimeout() {
        try (FakeImapServer server = FakeImapServer.start(loggedIn().expectLine("A2 NOOP"))) {
            ImapSession session = connectors.connect(TestEndpoint.at(server.host(), server.port())
                    .login("alice", "pw")
                    .timeout(Duration.ofMillis(700)));
            long start = System.nanoTime();
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> session.run(new Noop()));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMillis >= 650 && waitedMillis < 4000, waitedMillis + " ms");
            assertTrue(e.getMessage().contains("no answer to NOOP within 700 ms"), e.getMessage());
            assertTrue(e.getMessage().contains("alice@127.0.0.1:" + server.port()), e.getMessage());
            server.awaitDone(WAIT);
            assertTrue(
                    session.channel().closeFuture().awaitUninterruptibly(WAIT.toMillis()),
                    "the connection is closed after the timeout");
            assertFalse(session.isOpen());
            session.close();
        }
    }
}
