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
import java.util.Arrays;
import java.util.List;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.ImapFramingException;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.types.SequenceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session against servers that break the protocol or go quiet part-way: each ends in an error
 * for that connection that says what the server did, within the configured timeout. A drop in
 * the middle of a literal is {@code ConnectionFailureTest#dropMidLiteralFailsTheFetch}; silence
 * before any answer, {@code ConnectionFailureTest#silentServerHitsTheCommandTimeout}.
 */
class HostileSessionTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    private static ImapSession connect(FakeImapServer server) {
        return connectors.connect(TestEndpoint.at(server.host(), server.port())
                .login("alice", "pw")
                .timeout(TIMEOUT));
    }

    private static UidFetch bodyOf(long uid) {
        return new UidFetch(SequenceSet.of(uid), List.of("BODY.PEEK[]"), null, false);
    }

    /** Runs the command and returns how long it took to fail, checking the failure is bounded by the timeout. */
    private static ConnectionClosedException failsWithinTheTimeout(ImapSession session, UidFetch command) {
        long start = System.nanoTime();
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> session.run(command));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= TIMEOUT.toMillis() - 50 && millis < 4000, millis + " ms");
        return e;
    }

    // Case 1, the stalling variant: fewer bytes than announced, then nothing. The timeout counts
    // silence, so it fires once the bytes stop, and the chunks already passed on are released
    // (the build's paranoid leak detection would fail the test otherwise).
    @Test
    void aLiteralThatStallsShortOfItsLengthEndsInTheTimeout() {
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("A2 UID FETCH 1 BODY\\.PEEK\\[]")
                .send("* 1 FETCH (UID 1 BODY[] {5000}")
                .sendRaw("Subject: only the start\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            ImapSession session = connect(server);
            ConnectionClosedException e = failsWithinTheTimeout(session, bodyOf(1));
            assertTrue(e.getMessage().contains("no answer to UID FETCH within 700 ms"), e.getMessage());
            assertTrue(session.channel().closeFuture().awaitUninterruptibly(WAIT.toMillis()));
            session.close();
        }
    }

    // Case 8: answers that stop part-way through a command, after some of its data.
    @Test
    void aServerThatStopsAnsweringMidFetchEndsInTheTimeout() {
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("A2 UID FETCH 1:\\* \\(?UID FLAGS\\)?")
                .send("* 1 FETCH (UID 1 FLAGS (\\Seen))")
                .pause(Duration.ofMillis(300))
                .send("* 2 FETCH (UID 2 FLAGS ())"))) {
            ImapSession session = connect(server);
            long start = System.nanoTime();
            ConnectionClosedException e = assertThrows(
                    ConnectionClosedException.class,
                    () -> session.run(
                            new UidFetch(SequenceSet.of(1, SequenceSet.STAR), List.of("UID", "FLAGS"), null, false)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            // Data kept arriving for 300 ms, so the 700 ms of silence start after it.
            assertTrue(millis >= 950 && millis < 4000, millis + " ms");
            assertTrue(e.getMessage().contains("no answer to UID FETCH within 700 ms"), e.getMessage());
            assertTrue(session.channel().closeFuture().awaitUninterruptibly(WAIT.toMillis()));
            assertFalse(session.isOpen());
            session.close();
        }
    }

    // Case 5: a tagged response for a tag never sent (RFC 3501 §2.2.2 ties a completion to the
    // command sent with its tag) means the two ends no longer agree on what was asked.
    @Test
    void aCompletionForATagNeverSentEndsTheConnectionAndSaysWhichTag() {
        try (FakeImapServer server =
                FakeImapServer.start(loggedIn().expectLine("A2 NOOP").send("A77 NO [TRYCREATE] no such mailbox"))) {
            ImapSession session = connect(server);
            long start = System.nanoTime();
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> session.run(new Noop()));
            assertTrue((System.nanoTime() - start) / 1_000_000 < TIMEOUT.toMillis(), "no wait for the timeout");
            assertTrue(
                    e.getMessage()
                            .contains("the server answered tag A77, which no command is waiting for: "
                                    + "A77 NO [TRYCREATE] no such mailbox"),
                    e.getMessage());
            assertInstanceOf(UnexpectedTagException.class, e.getCause());
            server.awaitDone(WAIT);
            assertTrue(session.channel().closeFuture().awaitUninterruptibly(WAIT.toMillis()));
            session.close();
        }
    }

    @Test
    void aSecondCompletionOfAnAnsweredCommandEndsTheConnectionToo() {
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("A2 NOOP")
                .send("{tag} OK done")
                .send("{tag} NO done again")
                .expectLine("A3 NOOP"))) {
            ImapSession session = connect(server);
            session.run(new Noop());
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> session.run(new Noop()));
            assertTrue(e.getMessage().contains("tag A2, which no command is waiting for"), e.getMessage());
            session.close();
        }
    }

    // Cases 2 and 3 end in the decoder's framing error; the session says so and closes.
    @Test
    void anEndlessLineEndsTheConnectionWithTheDecodersReason() {
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, (byte) 'x');
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("A2 NOOP")
                .sendRaw("* OK ".getBytes(StandardCharsets.US_ASCII))
                .sendRaw(megabyte)
                .sendRaw(megabyte)
                .sendRaw(megabyte))) {
            ImapSession session = connect(server);
            ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> session.run(new Noop()));
            assertTrue(e.getMessage().contains("line longer than 65536 bytes"), e.getMessage());
            assertInstanceOf(ImapFramingException.class, rootOf(e));
            session.close();
        }
    }

    @Test
    void anAbsurdLiteralOutsideABodyEndsTheConnection() {
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("A2 UID FETCH 1 \\(?UID FLAGS\\)?")
                .send("* 1 FETCH (UID 1 FLAGS (\\Seen) X-GM-LABELS {2147483648}"))) {
            ImapSession session = connect(server);
            ConnectionClosedException e = assertThrows(
                    ConnectionClosedException.class,
                    () -> session.run(new UidFetch(SequenceSet.of(1), List.of("UID", "FLAGS"), null, false)));
            assertTrue(e.getMessage().contains("literal of 2147483648 bytes"), e.getMessage());
            session.close();
        }
    }

    // Case 6 at the session: the message's FETCH still arrives, with the items that are flags.
    @Test
    void flagsWithInvalidCharactersStillDeliverTheFetch() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(loggedIn()
                .expectLine("A2 UID FETCH 1:\\* \\(?UID FLAGS\\)?")
                .send("* 1 FETCH (UID 5 FLAGS (\\Seen( %))")
                .send("{tag} OK done")))) {
            try (ImapSession session = connect(server)) {
                List<FetchData> fetched = session.run(
                                new UidFetch(SequenceSet.of(1, SequenceSet.STAR), List.of("UID", "FLAGS"), null, false))
                        .all(FetchData.class);
                assertEquals(1, fetched.size());
                assertEquals(5L, fetched.get(0).uid());
                assertEquals("\\Seen( %", fetched.get(0).notFlags());
            }
            server.awaitDone(WAIT);
        }
    }

    // Case 9: a provider that caps connections answers LOGIN with [LIMIT] (RFC 5530 §3): the
    // session is refused, the credentials are not, and the error must not send the user to them.
    @Test
    void aLoginRefusedForALimitIsAConnectionFailureNotAnAuthenticationFailure() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK [CAPABILITY " + FakeServers.CAPS + "] fake ready")
                .expectLine("A1 LOGIN alice \\S+")
                .send("{tag} NO [LIMIT] Too many simultaneous connections for this user"))) {
            ConnectionFailedException e = assertThrows(ConnectionFailedException.class, () -> connect(server));
            assertTrue(
                    e.getMessage()
                            .contains("alice@127.0.0.1:" + server.port() + " would not take this session"
                                    + " now, which says nothing of the credentials: LOGIN failed: NO [LIMIT] Too many simultaneous"
                                    + " connections for this user"),
                    e.getMessage());
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
