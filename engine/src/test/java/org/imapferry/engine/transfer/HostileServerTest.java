package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.engine.testserver.RawImap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile or broken servers, played by {@link FakeImapServer} with a real Dovecot on the other
 * side. Mostly a source that breaks the protocol in the middle of a folder: the fake serves the
 * three messages the Dovecot account "src" holds, byte for byte; after the first one whole it
 * misbehaves, on every connection the engine opens (so its retry meets the same server). Each
 * such test checks what the user reads (the folder's error says what the server did), that the
 * run ends within the timeout, that what was copied before the fault is on the target whole and
 * alone, and that a rerun from the sound source finishes the folder without duplicates. Memory
 * under absurd lengths and endless lines is bounded by the decoder's limits
 * ({@code HostileResponsesTest} in the protocol module); here the run must end, not grow. Then
 * providers that cap connections (the run goes on with fewer pairs) and targets that throttle
 * (the run waits and goes on).
 */
@DovecotTest
class HostileServerTest {
    private static final Instant DATE = Instant.parse("2019-03-04T05:06:07Z");
    private static final String CAPS = "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] fake ready";
    /** The fake answers at once, or never: its silences are what the tests wait for. */
    private static final Duration SOURCE_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Dovecot's logins on a busy machine may take a second; a stalled relay waits for the longer
     * of the two, so this is also the wait the stall tests see.
     */
    private static final Duration TARGET_TIMEOUT = Duration.ofSeconds(2);
    /** A run that must end on its own: several timeouts and a retry, far from a hang. */
    private static final long RUN_LIMIT_MILLIS = 30_000;

    private static final byte[] CLOSE_PAREN = ")\r\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUser("src", Migrations.PASSWORD);
        for (int i = 1; i <= 3; i++) {
            dovecot.deliver("src", "INBOX", message(i), Set.of("\\Seen"), DATE.plusSeconds(i));
        }
    }

    private static String header(int i) {
        return "Message-ID: <h" + i + "@x>\r\nDate: Mon, 4 Mar 2019 05:06:0" + i + " +0000\r\nFrom: a@x\r\n"
                + "Subject: hostile " + i + "\r\n";
    }

    private static byte[] message(int i) {
        return (header(i) + "\r\nbody number " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static final int LENGTH = message(1).length;

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Endpoint endpoint(String host, int port, String user, Duration timeout) {
        return Migrations.endpoint(host, port, user, timeout);
    }

    private static Endpoint fake(FakeImapServer source) {
        return endpoint(source.host(), source.port(), "fake", SOURCE_TIMEOUT);
    }

    private static Endpoint dovecot(String user) {
        return endpoint(dovecot.host(), dovecot.port(), user, TARGET_TIMEOUT);
    }

    private static SyncOptions only(String folder, Endpoint source, Endpoint target) {
        return SyncOptions.defaults(source, target)
                .withConnections(1)
                .withFolders(new SyncOptions.Folders(
                        List.of(folder),
                        List.of(),
                        List.of(),
                        List.of(),
                        false,
                        List.of(),
                        Map.of(),
                        false,
                        null,
                        null,
                        null,
                        null,
                        false));
    }

    private static ImapScript login() {
        return new ImapScript()
                .send(CAPS)
                .expectLine("\\S+ LOGIN .*")
                .send("{tag} OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] in");
    }

    /** The source's control connection: the folder listed and sized (wire name as the server spells it). */
    private static ImapScript control(String wire) {
        String quoted = "\"" + wire + "\"";
        return login().expectLine("\\S+ LIST \"\" \"?\\*\"?")
                .send("* LIST (\\HasNoChildren) \"/\" " + quoted)
                .send("{tag} OK")
                .expectLine("\\S+ LSUB .*")
                .send("* LSUB () \"/\" " + quoted)
                .send("{tag} OK")
                .expectLine("\\S+ STATUS \"?" + Pattern.quote(wire) + "\"? .*")
                .send("* STATUS " + quoted + " (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 5)")
                .send("{tag} OK")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE")
                .send("{tag} OK")
                .close();
    }

    /** A control connection that lists and sizes two folders, A and B, of three messages each. */
    private static ImapScript controlOfTwo() {
        ImapScript script = login().expectLine("\\S+ LIST \"\" \"?\\*\"?")
                .send("* LIST (\\HasNoChildren) \"/\" A")
                .send("* LIST (\\HasNoChildren) \"/\" B")
                .send("{tag} OK")
                .expectLine("\\S+ LSUB .*")
                .send("{tag} OK");
        for (String folder : List.of("A", "B")) {
            script.expectLine("\\S+ STATUS " + folder + " .*")
                    .send("* STATUS " + folder + " (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 5)")
                    .send("{tag} OK");
        }
        return script.expectLine("\\S+ LOGOUT").send("* BYE").send("{tag} OK").close();
    }

    /** The metadata answer for the three messages; {@code flags2} is message 2's FLAGS list. */
    private static byte[] metadata(String flags2) {
        return metadata(flags2, 3);
    }

    /** The same for the first {@code count} messages. */
    private static byte[] metadata(String flags2, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= count; i++) {
            byte[] fields = ascii(header(i) + "\r\n");
            out.writeBytes(ascii("* " + i + " FETCH (UID " + i + " FLAGS (" + (i == 2 ? flags2 : "\\Seen")
                    + ") INTERNALDATE \"04-Mar-2019 05:06:" + String.format("%02d", 7 + i) + " +0000\" RFC822.SIZE "
                    + LENGTH + " BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)] {" + fields.length + "}\r\n"));
            out.writeBytes(fields);
            out.writeBytes(CLOSE_PAREN);
        }
        return out.toByteArray();
    }

    /** A worker connection up to the body FETCH: the folder examined and its metadata served. */
    private static ImapScript examined(String wire, String flags2) {
        return login().expectLine("\\S+ EXAMINE \"?" + Pattern.quote(wire) + "\"?")
                .send("* 3 EXISTS")
                .send("* OK [UIDVALIDITY 5] ok")
                .send("* OK [UIDNEXT 4] ok")
                .send("{tag} OK [READ-ONLY] examined")
                .expectLine("\\S+ UID FETCH 1:\\* .*")
                .sendRaw(metadata(flags2))
                .send("{tag} OK fetched")
                .expectLine("\\S+ UID FETCH \\S+ \\(?BODY\\.PEEK\\[]\\)?");
    }

    private static byte[] bodyStart(int i, long length) {
        return ascii("* " + i + " FETCH (UID " + i + " BODY[] {" + length + "}\r\n");
    }

    private static ImapScript whole(ImapScript script, int i) {
        return script.sendRaw(bodyStart(i, LENGTH)).sendRaw(message(i)).sendRaw(CLOSE_PAREN);
    }

    /** A worker connection that has sent the first message of the body FETCH whole. */
    private static ImapScript afterTheFirst() {
        return whole(examined("INBOX", "\\Seen"), 1);
    }

    /** What one run against the scripted source did, and how long it took. */
    private record Outcome(SyncReport report, long millis) {
        String errors() {
            return report.errors().stream().map(SyncReport.SyncError::message).collect(Collectors.joining("\n"));
        }
    }

    /** Runs INBOX from a source whose every worker connection plays {@code worker}. */
    private static Outcome copyFrom(ImapScript worker, String targetUser) {
        dovecot.addUser(targetUser, Migrations.PASSWORD);
        try (FakeImapServer source = FakeImapServer.startRepeatingLast(control("INBOX"), worker)) {
            long start = System.nanoTime();
            SyncReport report = Migrations.run(only("INBOX", fake(source), dovecot(targetUser)));
            return new Outcome(report, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * The run ended in time with the folder failed and {@code words} in its error; the target
     * holds the first message whole and nothing else; a rerun from the sound source copies the
     * other two and leaves the folder exact.
     */
    private static void assertFailedCleanlyAndRerunFinishes(Outcome outcome, String targetUser, String words)
            throws IOException {
        SyncReport report = outcome.report();
        assertTrue(outcome.millis() < RUN_LIMIT_MILLIS, outcome.millis() + " ms");
        assertFalse(report.complete(), () -> Migrations.describe(report));
        assertTrue(
                report.errors().stream()
                        .anyMatch(e -> "INBOX".equals(e.folder()) && e.message().contains(words)),
                () -> "no error for INBOX with \"" + words + "\":\n" + Migrations.describe(report));
        List<RawImap.Message> source =
                Migrations.snapshot(dovecot.host(), dovecot.port(), "src").get("INBOX");
        List<RawImap.Message> target =
                Migrations.snapshot(dovecot.host(), dovecot.port(), targetUser).get("INBOX");
        // With MULTIAPPEND the first message shares its APPEND with the one cut off, and goes
        // with it: nothing or the first message whole, never a part of the second.
        assertTrue(target.size() <= 1, target::toString);
        for (RawImap.Message m : target) {
            assertEquals(sha256(message(1)), m.sha256(), "the message before the fault, whole");
        }

        SyncOptions rerun = only("INBOX", dovecot("src"), dovecot(targetUser));
        SyncReport second = Migrations.runClean(rerun);
        assertEquals(3 - target.size(), second.copied(), () -> Migrations.describe(second));
        Migrations.verify(rerun);
        Migrations.assertSameMessages(
                "INBOX",
                source,
                Migrations.snapshot(dovecot.host(), dovecot.port(), targetUser).get("INBOX"));
    }

    // A literal that announces more bytes than it sends, then silence: the timeout fires.
    @Test
    void aLiteralShortOfItsLengthThenSilenceFailsTheFolderWithinTheTimeout() throws IOException {
        ImapScript worker =
                afterTheFirst().sendRaw(bodyStart(2, LENGTH)).sendRaw(Arrays.copyOf(message(2), LENGTH / 2));
        Outcome outcome = copyFrom(worker, "short");
        assertFailedCleanlyAndRerunFinishes(outcome, "short", "sent nothing for 2 s in the middle of a transfer");
    }

    // The control connection lost while the folders are listed: an error naming the side, not a crash.
    @Test
    void aSourceLostWhileTheFoldersAreListedEndsTheRunWithAConnectionError() {
        dovecot.addUser("listing", Migrations.PASSWORD);
        ImapScript cut = login().expectLine("\\S+ LIST \"\" \"?\\*\"?").close();
        try (FakeImapServer source = FakeImapServer.start(cut)) {
            SyncReport report = Migrations.run(only("INBOX", fake(source), dovecot("listing")));
            assertFalse(report.complete(), () -> Migrations.describe(report));
            assertTrue(
                    report.errors().stream()
                            .anyMatch(e -> e.kind() == SyncReport.Kind.CONNECTION_SOURCE
                                    && e.message().contains("was lost while the folders were listed")
                                    && e.message().contains("run the same command again")),
                    () -> Migrations.describe(report));
        }
    }

    // An absurd literal length on a body: streamed, never buffered; the source then stops.
    @Test
    void anAbsurdBodyLiteralLengthFailsTheFolderAndLeavesNoPartialMessage() throws IOException {
        ImapScript worker = afterTheFirst()
                .sendRaw(bodyStart(2, 99_999_999_999_999L))
                .sendRaw(message(2))
                .sendRaw(new byte[64 * 1024]);
        Outcome outcome = copyFrom(worker, "absurd");
        assertFailedCleanlyAndRerunFinishes(
                outcome,
                "absurd",
                "announced a body of 99999999999999 bytes for a" + " message of " + LENGTH + " bytes");
    }

    // Endless lines: the decoder's line limit ends the connection, not the heap.
    @Test
    void anEndlessLineFailsTheFolderWithTheDecodersReason() throws IOException {
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, (byte) 'x');
        ImapScript worker = afterTheFirst()
                .sendRaw(ascii("* 2 FETCH (UID 2 X-JUNK "))
                .sendRaw(megabyte)
                .sendRaw(megabyte)
                .sendRaw(megabyte);
        Outcome outcome = copyFrom(worker, "endless");
        assertFailedCleanlyAndRerunFinishes(outcome, "endless", "line longer than 65536 bytes");
    }

    // A completion for a tag never sent, in the middle of the batch.
    @Test
    void aCompletionForATagNeverSentFailsTheFolderNamingTheTag() throws IOException {
        ImapScript worker = afterTheFirst().send("Z999 OK FETCH completed");
        Outcome outcome = copyFrom(worker, "tagless");
        assertFailedCleanlyAndRerunFinishes(outcome, "tagless", "tag Z999, which no command is waiting for");
    }

    // BYE in the middle of a batch, then the connection closes.
    @Test
    void byeInTheMiddleOfABatchFailsTheFolderWithTheServersWords() throws IOException {
        ImapScript worker = afterTheFirst()
                .send("* BYE Server shutting down for maintenance")
                .pause(Duration.ofMillis(50))
                .close();
        Outcome outcome = copyFrom(worker, "bye");
        assertFailedCleanlyAndRerunFinishes(outcome, "bye", "Server shutting down for maintenance");
    }

    // BAD in the middle of a batch: the FETCH ends after one message, the connection stays.
    @Test
    void badInTheMiddleOfABatchFailsTheRestWithTheServersWords() throws IOException {
        ImapScript worker = afterTheFirst().send("{tag} BAD Internal error occurred. Refer to server log");
        Outcome outcome = copyFrom(worker, "bad");
        assertFailedCleanlyAndRerunFinishes(outcome, "bad", "Internal error occurred. Refer to server log");
    }

    // A server that stops answering before the folder's first message: the timeout fires.
    @Test
    void aSourceThatStopsAnsweringFailsTheFolderWithinTheTimeout() throws IOException {
        ImapScript worker = login().expectLine("\\S+ EXAMINE INBOX")
                .send("* 3 EXISTS")
                .send("* OK [UIDVALIDITY 5] ok")
                .send("{tag} OK [READ-ONLY] examined")
                .expectLine("\\S+ UID FETCH 1:\\* .*")
                .sendRaw(Arrays.copyOf(metadata("\\Seen"), 40));
        Outcome outcome = copyFrom(worker, "silent");
        SyncReport report = outcome.report();
        assertTrue(outcome.millis() < RUN_LIMIT_MILLIS, outcome.millis() + " ms");
        assertFalse(report.complete(), () -> Migrations.describe(report));
        assertTrue(outcome.errors().contains("no answer to UID FETCH within 1 s"), outcome::errors);
        assertTrue(Migrations.snapshot(dovecot.host(), dovecot.port(), "silent")
                .get("INBOX")
                .isEmpty());
    }

    // A folder name that is not modified UTF-7 (RFC 3501 §5.1.3): the source knows it only by
    // those bytes, so it is examined by them; the target's folder is the name the user sees,
    // encoded properly.
    @Test
    void aFolderNameThatIsNotModifiedUtf7IsReadByItsOwnSpellingAndCopied() throws IOException {
        String wire = "Foo&Bar";
        ImapScript worker = examined(wire, "\\Seen");
        for (int i = 1; i <= 3; i++) {
            whole(worker, i);
        }
        worker.send("{tag} OK fetched")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE")
                .send("{tag} OK")
                .close();
        dovecot.addUser("names", Migrations.PASSWORD);
        try (FakeImapServer source = FakeImapServer.start(control(wire), worker)) {
            SyncReport report = Migrations.run(only(wire, fake(source), dovecot("names")));
            source.awaitDone(Duration.ofSeconds(10));
            assertTrue(report.complete(), () -> Migrations.describe(report));
            assertEquals(3, report.copied(), () -> Migrations.describe(report));
        }
        Map<String, List<RawImap.Message>> folders = Migrations.snapshot(dovecot.host(), dovecot.port(), "names");
        // The independent client decodes names: "Foo&-Bar" on the wire (Dovecot refuses a CREATE
        // of a name that is not modified UTF-7).
        List<RawImap.Message> target = folders.get("Foo&Bar");
        assertTrue(target != null, folders::toString);
        assertEquals(
                Set.of(sha256(message(1)), sha256(message(2)), sha256(message(3))),
                target.stream().map(RawImap.Message::sha256).collect(Collectors.toSet()));
    }

    /** A worker that copies both folders, A and B, in whichever order it is given them. */
    private static ImapScript servesBoth() {
        ImapScript script = login();
        for (int folder = 0; folder < 2; folder++) {
            script.expectLine("\\S+ EXAMINE [AB]")
                    .send("* 3 EXISTS")
                    .send("* OK [UIDVALIDITY 5] ok")
                    .send("* OK [UIDNEXT 4] ok")
                    .send("{tag} OK [READ-ONLY] examined")
                    .expectLine("\\S+ UID FETCH 1:\\* .*")
                    .sendRaw(metadata("\\Seen"))
                    .send("{tag} OK fetched")
                    .expectLine("\\S+ UID FETCH \\S+ \\(?BODY\\.PEEK\\[]\\)?");
            for (int i = 1; i <= 3; i++) {
                whole(script, i);
            }
            script.send("{tag} OK fetched");
        }
        return script.expectLine("\\S+ LOGOUT").send("* BYE").send("{tag} OK").close();
    }

    /**
     * A provider that caps connections: the second and every later worker connection is turned
     * away, by {@code refusal}. The run goes on with the one pair it has and ends exact, the
     * refused pairs a warning, not an error.
     */
    private static void copiesWithFewerPairs(ImapScript refusal, String targetUser) throws IOException {
        dovecot.addUser(targetUser, Migrations.PASSWORD);
        try (FakeImapServer source = FakeImapServer.startRepeatingLast(controlOfTwo(), servesBoth(), refusal)) {
            SyncOptions options =
                    SyncOptions.defaults(fake(source), dovecot(targetUser)).withConnections(3);
            SyncReport report = Migrations.run(options);
            assertTrue(report.complete(), () -> Migrations.describe(report));
            assertEquals(6, report.copied(), () -> Migrations.describe(report));
            assertTrue(report.errors().isEmpty(), () -> Migrations.describe(report));
            assertTrue(source.connections() >= 3, "a second pair was tried: " + source.connections());
        }
        Map<String, List<RawImap.Message>> target = Migrations.snapshot(dovecot.host(), dovecot.port(), targetUser);
        Set<String> three = Set.of(sha256(message(1)), sha256(message(2)), sha256(message(3)));
        for (String folder : List.of("A", "B")) {
            assertEquals(3, target.get(folder).size(), target::toString);
            assertEquals(
                    three,
                    target.get(folder).stream().map(RawImap.Message::sha256).collect(Collectors.toSet()));
        }
    }

    @Test
    void noLimitAtLoginForOneConnectionTooManyLeavesTheRunToFewerPairs() throws IOException {
        copiesWithFewerPairs(
                new ImapScript()
                        .send(CAPS)
                        .expectLine("\\S+ LOGIN .*")
                        .send("{tag} NO [LIMIT] Too many simultaneous connections for this user"),
                "capped");
    }

    @Test
    void aConnectionTurnedAwayAtTheGreetingLeavesTheRunToFewerPairs() throws IOException {
        copiesWithFewerPairs(
                new ImapScript()
                        .send("* BYE Too many connections from your IP address")
                        .pause(Duration.ofMillis(20))
                        .close(),
                "turnedaway");
    }

    /** A scripted target's control connection: INBOX listed, and sized before and after the copy. */
    private static ImapScript targetControl() {
        ImapScript script = login().expectLine("\\S+ LIST \"\" \"?\\*\"?")
                .send("* LIST (\\HasNoChildren) \"/\" INBOX")
                .send("{tag} OK")
                .expectLine("\\S+ LSUB .*")
                .send("* LSUB () \"/\" INBOX")
                .send("{tag} OK");
        for (int messages : new int[] {0, 3}) {
            script.expectLine("\\S+ STATUS INBOX .*")
                    .send("* STATUS INBOX (MESSAGES " + messages + " UIDNEXT " + (messages + 1) + " UIDVALIDITY 7)")
                    .send("{tag} OK");
        }
        return script.expectLine("\\S+ LOGOUT").send("* BYE").send("{tag} OK").close();
    }

    /**
     * A scripted target worker with INBOX selected, holding the first {@code held} messages; the
     * metadata FETCH comes pipelined behind the SELECT, whatever the folder holds.
     */
    private static ImapScript targetSelected(int held) {
        ImapScript script = login().expectLine("\\S+ SELECT INBOX")
                .send("* " + held + " EXISTS")
                .send("* OK [UIDVALIDITY 7] ok")
                .send("* OK [UIDNEXT " + (held + 1) + "] ok")
                .send("{tag} OK [READ-WRITE] selected")
                .expectLine("\\S+ UID FETCH 1:\\* .*");
        if (held > 0) {
            script.sendRaw(metadata("\\Seen", held));
        }
        return script.send("{tag} OK fetched");
    }

    /** One APPEND of a test message, with LITERAL+, answered so. */
    private static ImapScript append(ImapScript script, String answer) {
        return script.expectLine("\\S+ APPEND INBOX .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine("")
                .send(answer);
    }

    /** Copies the Dovecot account "src" to a scripted target; the run and its time. */
    private static Outcome copyToScriptedTarget(ImapScript... connections) {
        try (FakeImapServer target = FakeImapServer.start(connections)) {
            long start = System.nanoTime();
            SyncReport report = Migrations.run(
                    only("INBOX", dovecot("src"), endpoint(target.host(), target.port(), "fake", TARGET_TIMEOUT)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            target.awaitDone(Duration.ofSeconds(10));
            return new Outcome(report, millis);
        }
    }

    // A target that stops answering in the middle of the APPENDs: the relay's watchdog fails it
    // after the timeout, naming it, and the run ends (its retry meets the same silence).
    @Test
    void aTargetThatStopsAnsweringFailsTheFolderNamingItWithinTheTimeout() {
        ImapScript silent = targetSelected(0);
        append(silent, "{tag} OK [APPENDUID 7 1] done").expectLine("\\S+ APPEND INBOX .*");
        Outcome outcome;
        try (FakeImapServer target = FakeImapServer.startRepeatingLast(targetControl(), silent)) {
            long start = System.nanoTime();
            SyncReport report = Migrations.run(
                    only("INBOX", dovecot("src"), endpoint(target.host(), target.port(), "fake", TARGET_TIMEOUT)));
            outcome = new Outcome(report, (System.nanoTime() - start) / 1_000_000);
        }
        assertTrue(outcome.millis() < RUN_LIMIT_MILLIS, outcome.millis() + " ms");
        assertFalse(outcome.report().complete(), () -> Migrations.describe(outcome.report()));
        assertTrue(
                outcome.report().errors().stream()
                        .anyMatch(e -> "INBOX".equals(e.folder())
                                && e.message().contains("fake@127.0.0.1:")
                                && e.message().contains(" sent nothing for 2 s in the middle of a transfer")),
                outcome::errors);
    }

    // Gmail's and Yahoo's [THROTTLED] (RFC 5530 has [UNAVAILABLE]) names no wait: the message
    // goes again after the first default backoff, and the run ends exact.
    @Test
    void aThrottledCodeIsWaitedOutAndTheMessageGoesAgain() {
        ImapScript worker = targetSelected(0);
        append(worker, "{tag} NO [THROTTLED] Too many commands, slow down");
        append(worker, "{tag} OK [APPENDUID 7 2] done");
        append(worker, "{tag} OK [APPENDUID 7 3] done");
        append(worker, "{tag} OK [APPENDUID 7 4] done");
        worker.expectLine("\\S+ LOGOUT").send("* BYE").send("{tag} OK").close();
        Outcome outcome = copyToScriptedTarget(targetControl(), worker);
        assertTrue(outcome.report().complete(), () -> Migrations.describe(outcome.report()));
        assertEquals(3, outcome.report().copied(), () -> Migrations.describe(outcome.report()));
        assertTrue(outcome.millis() >= Throttling.FIRST_WAIT.toMillis(), outcome.millis() + " ms");
    }

    // Office 365 throttles with BAD and a suggested wait, then closes ("* BYE Connection closed.
    // 14"). The run waits that long before it connects again, and goes on where it was: the
    // message answered before is found on the target, the throttled one goes again.
    @Test
    void office365sBadThenByeIsWaitedOutBeforeTheRunGoesOnOverANewConnection() {
        ImapScript first = targetSelected(0);
        append(first, "{tag} OK [APPENDUID 7 1] done");
        append(first, "{tag} BAD Request is throttled. Suggested Backoff Time: 3500 milliseconds")
                .send("* BYE Connection closed. 14")
                .close();
        ImapScript second = targetSelected(1);
        append(second, "{tag} OK [APPENDUID 7 2] done");
        append(second, "{tag} OK [APPENDUID 7 3] done");
        second.expectLine("\\S+ LOGOUT").send("* BYE").send("{tag} OK").close();
        Outcome outcome = copyToScriptedTarget(targetControl(), first, second);
        assertTrue(outcome.report().complete(), () -> Migrations.describe(outcome.report()));
        assertEquals(3, outcome.report().copied(), () -> Migrations.describe(outcome.report()));
        assertTrue(outcome.millis() >= 3500, "the suggested backoff was waited out: " + outcome.millis() + " ms");
    }

    // The same throttling from a source, in the middle of the body FETCH: the run waits what
    // the source asked for, connects again and finishes the folder.
    @Test
    void aSourceThrottlingWithBadThenByeIsWaitedOutAndTheFolderFinished() throws IOException {
        ImapScript throttles = afterTheFirst()
                .send("{tag} BAD Request is throttled. Suggested Backoff Time: 3500 milliseconds")
                .send("* BYE Connection closed. 14")
                .close();
        // Whatever the second attempt asks for, the bodies come in order; those not asked for
        // (the first, if the target kept it) are passed over.
        ImapScript serves = examined("INBOX", "\\Seen");
        for (int i = 1; i <= 3; i++) {
            whole(serves, i);
        }
        serves.send("{tag} OK fetched")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE")
                .send("{tag} OK")
                .close();
        dovecot.addUser("sourcethrottled", Migrations.PASSWORD);
        long start = System.nanoTime();
        try (FakeImapServer source = FakeImapServer.start(control("INBOX"), throttles, serves)) {
            SyncReport report = Migrations.run(only("INBOX", fake(source), dovecot("sourcethrottled")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(report.complete(), () -> Migrations.describe(report));
            assertEquals(3, report.copied(), () -> Migrations.describe(report));
            assertTrue(millis >= 3500, "the suggested backoff was waited out: " + millis + " ms");
        }
        Migrations.assertSameMessages(
                "INBOX",
                Migrations.snapshot(dovecot.host(), dovecot.port(), "src").get("INBOX"),
                Migrations.snapshot(dovecot.host(), dovecot.port(), "sourcethrottled")
                        .get("INBOX"));
    }

    // Flags with invalid characters: the message goes, with the flags that are flags.
    @Test
    void flagsWithInvalidCharactersCostOnlyThemselves() throws IOException {
        ImapScript worker = examined("INBOX", "\\Seen \\Flagged( % $Ok");
        for (int i = 1; i <= 3; i++) {
            whole(worker, i);
        }
        worker.send("{tag} OK fetched")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE")
                .send("{tag} OK")
                .close();
        Outcome outcome = copyFrom(worker, "flags");
        assertTrue(outcome.report().complete(), () -> Migrations.describe(outcome.report()));
        assertEquals(3, outcome.report().copied(), () -> Migrations.describe(outcome.report()));
        List<RawImap.Message> target =
                Migrations.snapshot(dovecot.host(), dovecot.port(), "flags").get("INBOX");
        Map<String, Set<String>> flags =
                target.stream().collect(Collectors.toMap(RawImap.Message::sha256, RawImap.Message::flags));
        assertEquals(
                Map.of(
                        sha256(message(1)),
                        Set.of("\\seen"),
                        sha256(message(2)),
                        Set.of("\\seen", "$ok"),
                        sha256(message(3)),
                        Set.of("\\seen")),
                flags);
    }
}
