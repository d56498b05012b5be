package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Faults a real server will not produce on demand, played by {@link FakeImapServer} on one side
 * with a real Dovecot on the other. Each script is what the engine says for one folder (INBOX)
 * and three messages of equal length, so literal sizes are known in advance.
 */
@DovecotTest
class FaultTest {
    private static final Instant DATE = Instant.parse("2019-03-04T05:06:07Z");
    private static final String CAPS = "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] fake ready";
    private static final String CAPS_MULTIAPPEND = "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS MULTIAPPEND] fake";

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        for (String user : List.of("src", "dst", "redo", "retry")) {
            dovecot.addUser(user, Migrations.PASSWORD);
        }
        for (int i = 1; i <= 3; i++) {
            dovecot.deliver("src", "INBOX", message(i), Set.of("\\Seen"), DATE.plusSeconds(i));
        }
    }

    private static String header(int i) {
        return "Message-ID: <f" + i + "@x>\r\nDate: Mon, 4 Mar 2019 05:06:0" + i + " +0000\r\nFrom: a@x\r\n"
                + "Subject: fault " + i + "\r\n";
    }

    private static byte[] message(int i) {
        return (header(i) + "\r\nbody number " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static final int LENGTH = message(1).length;

    private static Endpoint endpoint(String host, int port, String user) {
        return Migrations.endpoint(host, port, user, Duration.ofSeconds(10));
    }

    /**
     * Two reconnections at most, one pair's worth (a source lost in the middle of a message costs
     * the target its session too): a script serves the connections it was written for, no more.
     */
    private static SyncOptions inboxOnly(Endpoint source, Endpoint target) {
        return SyncOptions.defaults(source, target)
                .withConnections(1)
                .withReconnectMax(2)
                .withFolders(new SyncOptions.Folders(
                        List.of("INBOX"),
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

    /** Greeting and LOGIN. */
    private static ImapScript login(String greeting) {
        String capabilities = greeting.substring(greeting.indexOf('['), greeting.indexOf(']') + 1);
        return new ImapScript().send(greeting).expectLine("\\S+ LOGIN .*").send("{tag} OK " + capabilities + " in");
    }

    /**
     * The target's control connection: LIST and LSUB show INBOX, STATUS sizes it before and after
     * the copy; it stays open until the run ends.
     */
    private static ImapScript control(String greeting) {
        return logout(status(status(listed(greeting), 0), 0));
    }

    /** The source's control connection: as the target's, without the STATUS after the copy. */
    private static ImapScript sourceControl(String greeting) {
        return logout(status(listed(greeting), 3));
    }

    private static ImapScript listed(String greeting) {
        return login(greeting)
                .expectLine("\\S+ LIST \"\" \"?\\*\"?")
                .send("* LIST (\\HasNoChildren) \"/\" INBOX")
                .send("{tag} OK")
                .expectLine("\\S+ LSUB .*")
                .send("* LSUB () \"/\" INBOX")
                .send("{tag} OK");
    }

    private static ImapScript status(ImapScript script, int messages) {
        return script.expectLine("\\S+ STATUS INBOX .*")
                .send("* STATUS INBOX (MESSAGES " + messages + " UIDNEXT " + (messages + 1) + " UIDVALIDITY 7)")
                .send("{tag} OK");
    }

    /**
     * A target worker connection up to its first APPEND: an empty INBOX selected, and the
     * metadata FETCH the engine pipelines behind the SELECT of a folder its state does not know.
     */
    private static ImapScript targetWorker(String greeting) {
        return login(greeting)
                .expectLine("\\S+ SELECT INBOX")
                .send("* 0 EXISTS")
                .send("* OK [UIDVALIDITY 7] ok")
                .send("* OK [UIDNEXT 1] ok")
                .send("{tag} OK [READ-WRITE] selected")
                .expectLine("\\S+ UID FETCH 1:\\* .*")
                .send("{tag} OK fetched");
    }

    private static ImapScript append(ImapScript script, String answer) {
        return script.expectLine("\\S+ APPEND INBOX .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine("")
                .send(answer);
    }

    private static ImapScript logout(ImapScript script) {
        return script.expectLine("\\S+ LOGOUT").send("* BYE").send("{tag} OK").close();
    }

    /**
     * Copies the INBOX of the Dovecot account "src" to a scripted target whose connections follow
     * the scripts in order, and waits until every script has ended.
     */
    private static SyncReport copyToScriptedTarget(ImapScript... connections) {
        try (FakeImapServer target = FakeImapServer.start(connections)) {
            SyncReport report = Migrations.run(inboxOnly(
                    endpoint(dovecot.host(), dovecot.port(), "src"), endpoint(target.host(), target.port(), "fake")));
            target.awaitDone(Duration.ofSeconds(10));
            return report;
        }
    }

    @Test
    void overQuotaFailsThatMessageWithTheServersWordsAndCopiesTheOthers() {
        ImapScript worker = targetWorker(CAPS);
        append(worker, "{tag} OK [APPENDUID 7 1] done");
        append(worker, "{tag} NO [OVERQUOTA] Quota exceeded (mailbox for user is full)");
        append(worker, "{tag} OK [APPENDUID 7 2] done");
        SyncReport report = copyToScriptedTarget(control(CAPS), logout(worker));
        assertEquals(2, report.copied(), () -> Migrations.describe(report));
        assertEquals(1, report.failed(), () -> Migrations.describe(report));
        assertEquals(1, report.errors().size(), () -> Migrations.describe(report));
        SyncReport.SyncError error = report.errors().get(0);
        assertEquals(SyncReport.Kind.OVER_QUOTA, error.kind());
        assertTrue(error.message().contains("Quota exceeded (mailbox for user is full)"), error.message());
        assertTrue(error.uid() > 0, error::toString);
        assertEquals("INBOX", error.folder());
    }

    @Test
    void messagesOverTheTargetsAppendLimitAreReportedWithoutBeingSent() {
        String greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS APPENDLIMIT=50] fake";
        SyncReport report = copyToScriptedTarget(control(greeting), logout(targetWorker(greeting)));
        assertEquals(0, report.copied(), () -> Migrations.describe(report));
        assertEquals(3, report.failed(), () -> Migrations.describe(report));
        assertTrue(
                report.errors().stream()
                        .allMatch(e -> e.kind() == SyncReport.Kind.TOO_BIG
                                && e.message().contains("APPENDLIMIT of 50 bytes")),
                () -> Migrations.describe(report));
    }

    @Test
    void aMessageWithNulBytesRefusedAsAnOrdinaryLiteralGoesAgainAsLiteral8WhereTheTargetHasBinary() {
        byte[] withNul = (header(9) + "\r\nbinary \u0000 inside\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] fields = (header(9) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = ("* 1 FETCH (UID 1 BODY[] {" + withNul.length + "}\r\n").getBytes(StandardCharsets.US_ASCII);
        ImapScript source = login(CAPS)
                .expectLine("\\S+ EXAMINE INBOX")
                .send("* 1 EXISTS")
                .send("* OK [UIDVALIDITY 5] ok")
                .send("* OK [UIDNEXT 2] ok")
                .send("{tag} OK [READ-ONLY] examined")
                .expectLine("\\S+ UID FETCH 1:\\* .*")
                .sendRaw(("* 1 FETCH (UID 1 FLAGS () INTERNALDATE \"04-Mar-2019 05:06:07 +0000\" RFC822.SIZE "
                                + withNul.length + " BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)] {"
                                + fields.length
                                + "}\r\n")
                        .getBytes(StandardCharsets.US_ASCII))
                .sendRaw(fields)
                .sendRaw(CLOSE_PAREN)
                .send("{tag} OK fetched");
        for (int attempt = 0; attempt < 2; attempt++) {
            source.expectLine("\\S+ UID FETCH 1 \\(?BODY\\.PEEK\\[]\\)?")
                    .sendRaw(body)
                    .sendRaw(withNul)
                    .sendRaw(CLOSE_PAREN)
                    .send("{tag} OK fetched");
        }
        String greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS BINARY] fake";
        ImapScript target = targetWorker(greeting)
                .expectLine("\\S+ APPEND INBOX .* \\{" + withNul.length + "\\+}")
                .expectLiteral(withNul.length)
                .expectLine("")
                .send("{tag} NO [UNKNOWN-CTE] NUL characters are not allowed")
                .expectLine("\\S+ APPEND INBOX .*~\\{" + withNul.length + "\\+}")
                .expectLiteral(withNul.length)
                .expectLine("")
                .send("{tag} OK [APPENDUID 7 1] done");
        try (FakeImapServer from = FakeImapServer.start(sourceControl(CAPS), logout(source));
                FakeImapServer to = FakeImapServer.start(control(greeting), logout(target))) {
            SyncReport report = Migrations.run(
                    inboxOnly(endpoint(from.host(), from.port(), "fake"), endpoint(to.host(), to.port(), "fake")));
            from.awaitDone(Duration.ofSeconds(10));
            to.awaitDone(Duration.ofSeconds(10));
            assertTrue(report.complete(), () -> Migrations.describe(report));
            assertEquals(1, report.copied(), () -> Migrations.describe(report));
        }
    }

    @Test
    void aThrottledMessageIsTriedAgainAfterTheSuggestedBackoff() {
        ImapScript worker = targetWorker(CAPS);
        append(worker, "{tag} NO Request is throttled. Suggested Backoff Time: 50 milliseconds");
        append(worker, "{tag} OK [APPENDUID 7 1] done");
        append(worker, "{tag} OK [APPENDUID 7 2] done");
        append(worker, "{tag} OK [APPENDUID 7 3] done");
        SyncReport report = copyToScriptedTarget(control(CAPS), logout(worker));
        assertTrue(report.complete(), () -> Migrations.describe(report));
        assertEquals(3, report.copied(), () -> Migrations.describe(report));
    }

    @Test
    void selectAnsweredAlreadyExistsIsTriedAgain() {
        // Dovecot answers so when two sessions open a not-yet-created automatic mailbox at once.
        ImapScript worker = login(CAPS)
                .expectLine("\\S+ SELECT INBOX")
                .send("{tag} NO [ALREADYEXISTS] Mailbox already exists (0.017 + 0.000 + 0.016 secs).")
                // The FETCH pipelined behind the refused SELECT: no folder is selected.
                .expectLine("\\S+ UID FETCH 1:\\* .*")
                .send("{tag} BAD No mailbox selected");
        worker.expectLine("\\S+ SELECT INBOX")
                .send("* 0 EXISTS")
                .send("* OK [UIDVALIDITY 7] ok")
                .send("{tag} OK [READ-WRITE] selected");
        for (int i = 1; i <= 3; i++) {
            append(worker, "{tag} OK [APPENDUID 7 " + i + "] done");
        }
        SyncReport report = copyToScriptedTarget(control(CAPS), logout(worker));
        assertTrue(report.complete(), () -> Migrations.describe(report));
        assertEquals(3, report.copied(), () -> Migrations.describe(report));
    }

    @Test
    void withoutLiteralPlusEachLiteralWaitsForItsContinuationAndARefusalSkipsOnlyThatMessage() {
        String caps = "* OK [CAPABILITY IMAP4rev1 UIDPLUS] fake without LITERAL+";
        ImapScript worker = targetWorker(caps);
        for (int i = 1; i <= 3; i++) {
            worker.expectLine("\\S+ APPEND INBOX .*\\{" + LENGTH + "}");
            if (i == 2) {
                // Refused before the literal: its bytes must never be sent.
                worker.send("{tag} NO [LIMIT] Message too large for this mailbox");
            } else {
                worker.send("+ go ahead")
                        .expectLiteral(LENGTH)
                        .expectLine("")
                        .send("{tag} OK [APPENDUID 7 " + i + "] done");
            }
        }
        SyncReport report = copyToScriptedTarget(control(caps), logout(worker));
        assertEquals(2, report.copied(), () -> Migrations.describe(report));
        assertEquals(1, report.failed(), () -> Migrations.describe(report));
        assertEquals(SyncReport.Kind.TOO_BIG, report.errors().get(0).kind(), () -> Migrations.describe(report));
        assertTrue(report.errors().get(0).message().contains("Message too large for this mailbox"));
    }

    @Test
    void targetGoneWhileALiteralWaitsForItsContinuationReleasesWhatWaited() {
        // Message 2 and 3 and the FETCH's end wait behind the "+" that never comes; the relay must
        // release them (the class's leak check sees any buffer it keeps) and report the failure.
        String caps = "* OK [CAPABILITY IMAP4rev1 UIDPLUS] fake without LITERAL+";
        ImapScript worker = targetWorker(caps)
                .expectLine("\\S+ APPEND INBOX .*\\{" + LENGTH + "}")
                .send("+ go ahead")
                .expectLiteral(LENGTH)
                .expectLine("")
                .send("{tag} OK [APPENDUID 7 1] done")
                .expectLine("\\S+ APPEND INBOX .*\\{" + LENGTH + "}")
                .pause(Duration.ofMillis(50))
                .close();
        ImapScript retry = login(caps).expectLine("\\S+ SELECT INBOX").close();
        SyncReport report = copyToScriptedTarget(control(caps), worker, retry);
        assertFalse(report.complete(), () -> Migrations.describe(report));
        assertTrue(
                report.errors().stream().anyMatch(e -> e.message().contains("closed")),
                () -> Migrations.describe(report));
    }

    @Test
    void tryCreateCreatesTheFolderAgainAndRetriesTheRefusedMessages() {
        // The folder was selected, then deleted by another client before the APPENDs.
        ImapScript worker = targetWorker(CAPS);
        append(worker, "{tag} OK [APPENDUID 7 1] done");
        append(worker, "{tag} NO [TRYCREATE] Mailbox doesn't exist: INBOX");
        append(worker, "{tag} NO [TRYCREATE] Mailbox doesn't exist: INBOX");
        worker.expectLine("\\S+ CREATE INBOX")
                .send("{tag} OK created")
                .expectLine("\\S+ SELECT INBOX")
                .send("* 0 EXISTS")
                .send("* OK [UIDVALIDITY 8] ok")
                .send("{tag} OK [READ-WRITE] selected");
        append(worker, "{tag} OK [APPENDUID 8 1] done");
        append(worker, "{tag} OK [APPENDUID 8 2] done");
        SyncReport report = copyToScriptedTarget(control(CAPS), logout(worker));
        assertTrue(report.complete(), () -> Migrations.describe(report));
        assertEquals(3, report.copied(), () -> Migrations.describe(report));
        assertEquals(0, report.failed(), () -> Migrations.describe(report));
    }

    @Test
    void tryCreateAfterARefusedMultiappendBatchIsRetriedToo() {
        ImapScript worker = targetWorker(CAPS_MULTIAPPEND)
                .expectLine("\\S+ APPEND INBOX .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine(" .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine(" .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine("")
                .send("{tag} NO [TRYCREATE] Mailbox doesn't exist: INBOX");
        for (int i = 1; i <= 3; i++) {
            append(worker, "{tag} NO [TRYCREATE] Mailbox doesn't exist: INBOX");
        }
        worker.expectLine("\\S+ CREATE INBOX")
                .send("{tag} NO [ALREADYEXISTS] someone was quicker")
                .expectLine("\\S+ SELECT INBOX")
                .send("* 0 EXISTS")
                .send("* OK [UIDVALIDITY 8] ok")
                .send("{tag} OK [READ-WRITE] selected");
        for (int i = 1; i <= 3; i++) {
            append(worker, "{tag} OK [APPENDUID 8 " + i + "] done");
        }
        SyncReport report = copyToScriptedTarget(control(CAPS_MULTIAPPEND), logout(worker));
        assertTrue(report.complete(), () -> Migrations.describe(report));
        assertEquals(3, report.copied(), () -> Migrations.describe(report));
    }

    @Test
    void tryCreateWhoseCreateFailsLeavesTheMessagesFailedWithTheServersWords() {
        ImapScript worker = targetWorker(CAPS);
        append(worker, "{tag} NO [TRYCREATE] Mailbox doesn't exist: INBOX");
        append(worker, "{tag} OK [APPENDUID 7 1] done");
        append(worker, "{tag} OK [APPENDUID 7 2] done");
        worker.expectLine("\\S+ CREATE INBOX").send("{tag} NO [NOPERM] You may not create mailboxes");
        SyncReport report = copyToScriptedTarget(control(CAPS), logout(worker));
        assertEquals(2, report.copied(), () -> Migrations.describe(report));
        assertEquals(1, report.failed(), () -> Migrations.describe(report));
        assertEquals(2, report.errors().size(), () -> Migrations.describe(report));
        assertTrue(
                report.errors().stream()
                        .anyMatch(e -> e.kind() == SyncReport.Kind.APPEND
                                && e.message().contains("TRYCREATE")
                                && e.uid() > 0),
                () -> Migrations.describe(report));
        assertTrue(
                report.errors().stream()
                        .anyMatch(e -> e.kind() == SyncReport.Kind.FOLDER_CREATE
                                && e.message().contains("You may not create mailboxes")),
                () -> Migrations.describe(report));
    }

    @Test
    void refusedMultiappendBatchFallsBackToSingleAppends() {
        ImapScript worker = targetWorker(CAPS_MULTIAPPEND)
                .expectLine("\\S+ APPEND INBOX .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine(" .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine(" .*\\{" + LENGTH + "\\+}")
                .expectLiteral(LENGTH)
                .expectLine("")
                .send("{tag} NO [LIMIT] one of these is too big for me");
        append(worker, "{tag} OK [APPENDUID 7 1] done");
        append(worker, "{tag} NO [LIMIT] Message too large");
        append(worker, "{tag} OK [APPENDUID 7 2] done");
        SyncReport report = copyToScriptedTarget(control(CAPS_MULTIAPPEND), logout(worker));
        assertEquals(2, report.copied(), () -> Migrations.describe(report));
        assertEquals(1, report.failed(), () -> Migrations.describe(report));
        assertEquals(1, report.errors().size(), () -> Migrations.describe(report));
        assertEquals(SyncReport.Kind.TOO_BIG, report.errors().get(0).kind());
        assertTrue(
                report.errors().get(0).message().contains("Message too large"),
                report.errors().get(0).message());
    }

    /** The metadata answer for the three messages, header literals included. */
    private static byte[] metadata() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= 3; i++) {
            byte[] fields = (header(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(("* " + i + " FETCH (UID " + i + " FLAGS (\\Seen) INTERNALDATE \"04-Mar-2019 05:06:"
                            + String.format("%02d", 7 + i) + " +0000\" RFC822.SIZE " + LENGTH
                            + " BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)] {"
                            + fields.length + "}\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(fields);
            out.writeBytes(")\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static byte[] bodyStart(int i) {
        return ("* " + i + " FETCH (UID " + i + " BODY[] {" + LENGTH + "}\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A source worker connection: INBOX examined, the metadata of the three messages served. */
    private static ImapScript sourceWorker() {
        return login(CAPS)
                .expectLine("\\S+ EXAMINE INBOX")
                .send("* 3 EXISTS")
                .send("* OK [UIDVALIDITY 5] ok")
                .send("* OK [UIDNEXT 4] ok")
                .send("{tag} OK [READ-ONLY] examined")
                .expectLine("\\S+ UID FETCH 1:\\* .*")
                .sendRaw(metadata())
                .send("{tag} OK fetched");
    }

    private static final byte[] CLOSE_PAREN = ")\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The first message whole, then the connection drops in the middle of the second. */
    private static ImapScript dropsInTheSecondMessage() {
        return sourceWorker()
                .expectLine("\\S+ UID FETCH \\S+ \\(?BODY\\.PEEK\\[]\\)?")
                .sendRaw(bodyStart(1))
                .sendRaw(message(1))
                .sendRaw(CLOSE_PAREN)
                .sendRaw(bodyStart(2))
                .sendRaw(Arrays.copyOf(message(2), LENGTH / 2))
                .pause(Duration.ofMillis(100))
                .close();
    }

    @Test
    void sourceDroppedMidLiteralTwiceFailsLeavesNoHalfMessageAndARerunCompletesWithoutDuplicates() throws IOException {
        // The run may reconnect once; this source drops both times, so the budget runs out.
        try (FakeImapServer source =
                FakeImapServer.start(sourceControl(CAPS), dropsInTheSecondMessage(), dropsInTheSecondMessage())) {
            SyncReport failed = Migrations.run(inboxOnly(
                    endpoint(source.host(), source.port(), "fake"), endpoint(dovecot.host(), dovecot.port(), "redo")));
            source.awaitDone(Duration.ofSeconds(10));
            assertFalse(failed.complete(), () -> Migrations.describe(failed));
            assertTrue(
                    failed.errors().stream().anyMatch(e -> e.kind() == SyncReport.Kind.TRANSFER),
                    () -> Migrations.describe(failed));
            // The lost folder keeps its line, with its messages failed: no statistics call it synced.
            assertEquals(1, failed.folders().size(), () -> Migrations.describe(failed));
            assertEquals(3, failed.folders().get(0).failed(), () -> Migrations.describe(failed));
        }
        // Whatever the target kept is whole: each message there is one of the source's, byte for byte.
        Map<String, List<RawImap.Message>> source = Migrations.snapshot(dovecot.host(), dovecot.port(), "src");
        Map<String, List<RawImap.Message>> after = Migrations.snapshot(dovecot.host(), dovecot.port(), "redo");
        Set<String> complete = Set.copyOf(
                source.get("INBOX").stream().map(RawImap.Message::sha256).toList());
        assertTrue(after.get("INBOX").size() <= 1, after::toString);
        for (RawImap.Message m : after.get("INBOX")) {
            assertTrue(complete.contains(m.sha256()), () -> "a partial message on the target: " + m);
        }

        SyncOptions rerun = inboxOnly(
                endpoint(dovecot.host(), dovecot.port(), "src"), endpoint(dovecot.host(), dovecot.port(), "redo"));
        SyncReport report = Migrations.runClean(rerun);
        assertEquals(3 - after.get("INBOX").size(), report.copied(), () -> Migrations.describe(report));
        Migrations.verify(rerun);
        Migrations.assertSameMessages(
                "INBOX",
                source.get("INBOX"),
                Migrations.snapshot(dovecot.host(), dovecot.port(), "redo").get("INBOX"));
    }

    @Test
    void sourceDroppedOnceIsRetriedOnAFreshConnection() throws IOException {
        ImapScript drops = sourceWorker()
                .expectLine("\\S+ UID FETCH 1:3 \\(?BODY\\.PEEK\\[]\\)?")
                .sendRaw(bodyStart(1))
                .sendRaw(Arrays.copyOf(message(1), LENGTH / 3))
                .pause(Duration.ofMillis(100))
                .close();
        ImapScript serves = sourceWorker().expectLine("\\S+ UID FETCH 1:3 \\(?BODY\\.PEEK\\[]\\)?");
        for (int i = 1; i <= 3; i++) {
            serves.sendRaw(bodyStart(i)).sendRaw(message(i)).sendRaw(CLOSE_PAREN);
        }
        serves.send("{tag} OK fetched");
        logout(serves);
        try (FakeImapServer source = FakeImapServer.start(sourceControl(CAPS), drops, serves)) {
            SyncReport report = Migrations.run(inboxOnly(
                    endpoint(source.host(), source.port(), "fake"), endpoint(dovecot.host(), dovecot.port(), "retry")));
            source.awaitDone(Duration.ofSeconds(10));
            assertTrue(report.complete(), () -> Migrations.describe(report));
            assertEquals(3, report.copied(), () -> Migrations.describe(report));
            assertEquals(1, report.reconnections().host1(), report::toString);
        }
        Migrations.assertSameMessages(
                "INBOX",
                Migrations.snapshot(dovecot.host(), dovecot.port(), "src").get("INBOX"),
                Migrations.snapshot(dovecot.host(), dovecot.port(), "retry").get("INBOX"));
    }
}
