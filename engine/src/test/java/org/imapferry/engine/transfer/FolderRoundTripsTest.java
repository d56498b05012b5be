package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.LocalSessions;
import org.imapferry.engine.folder.Folder;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.state.AccountPair;
import org.imapferry.engine.state.SyncState;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trips of one folder, with the servers played by hand: a command is proved pipelined
 * or overlapped when the server end sees it before it has answered the one it must follow.
 */
class FolderRoundTripsTest {
    private static final Capabilities CAPS = Capabilities.of(List.of("IMAP4rev1", "UIDPLUS", "UNSELECT", "LITERAL+"));
    private static final String HEADER = "Message-ID: <one@example.org>\r\nSubject: hello\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void bothSidesAreOpenedAndReadBeforeEitherAnswersAndTheFolderEndsWithoutWaitingForStatus() throws Exception {
        try (LocalSessions local = new LocalSessions()) {
            LocalSessions.ServerEnd sourceEnd = new LocalSessions.ServerEnd();
            LocalSessions.ServerEnd targetEnd = new LocalSessions.ServerEnd();
            ImapSession source = local.connect("source", CAPS, sourceEnd);
            ImapSession target = local.connect("target", CAPS, targetEnd);
            Endpoint from = Migrations.endpoint("127.0.0.1", 1, "a");
            Endpoint to = Migrations.endpoint("127.0.0.1", 2, "b");
            SyncOptions options = SyncOptions.defaults(from, to);
            List<SyncReport.SyncError> errors = new ArrayList<>();
            try (SyncState state = SyncState.open(dir.resolve("state"), AccountPair.of(from, to))) {
                FolderTransfer transfer = new FolderTransfer(
                        source,
                        target,
                        new CopyContext(options, SyncListener.NONE, new RateGovernor(0), new StopSignal()),
                        errors,
                        state,
                        new OnePair());
                FolderPair pair = new FolderPair(
                        new Folder(MailboxName.of("INBOX"), '/', true, false, null), MailboxName.of("INBOX"), true);
                CompletableFuture<SyncReport.FolderReport> report =
                        CompletableFuture.supplyAsync(() -> transfer.run(pair));

                // Nothing answered yet: each side has its SELECT and, pipelined behind it, its
                // metadata FETCH, since a folder the state does not know is read whole.
                String sourceSent = sourceEnd.await(r -> r.contains("EXAMINE INBOX") && r.contains("UID FETCH 1:*"));
                String targetSent = targetEnd.await(r -> r.contains("SELECT INBOX") && r.contains("UID FETCH 1:*"));
                assertTrue(sourceSent.indexOf("EXAMINE") < sourceSent.indexOf("UID FETCH"), sourceSent);
                assertTrue(targetSent.indexOf("SELECT") < targetSent.indexOf("UID FETCH"), targetSent);

                answerOpenAndRead(sourceEnd, sourceSent, "EXAMINE", "[READ-ONLY] ");
                answerOpenAndRead(targetEnd, targetSent, "SELECT", "[READ-WRITE] ");

                // The message is on both sides: nothing to copy. The target's STATUS for the
                // state file is sent behind its UNSELECT, before the UNSELECT is answered, and
                // the folder is done without waiting for either: the pair's next folder goes on.
                String tail = targetEnd.await(r -> r.contains("UNSELECT") && r.contains("STATUS INBOX"));
                assertTrue(tail.indexOf("UNSELECT") < tail.indexOf("STATUS INBOX"), tail);
                SyncReport.FolderReport done = report.get(5, TimeUnit.SECONDS);
                assertEquals(1, done.found(), done.toString());
                assertEquals(0, done.copied(), done.toString());
                assertEquals(1, done.skipped(), done.toString());
                assertTrue(errors.isEmpty(), errors.toString());
                assertNull(state.folder("INBOX", "INBOX"), "not complete before the target's STATUS");

                targetEnd.send(tagOf(tail, "UNSELECT") + " OK unselected");
                targetEnd.send(
                        "* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 9)", tagOf(tail, "STATUS") + " OK status");
                // Answers come in order: once a later command is answered, the STATUS was read.
                CompletableFuture<?> noop = target.submit(ImapCommands.noop());
                targetEnd.send(tagOf(targetEnd.await(r -> r.contains("NOOP")), "NOOP") + " OK noop");
                noop.get(5, TimeUnit.SECONDS);
                assertNotNull(state.folder("INBOX", "INBOX"), "the folder is recorded as completed");
                assertEquals(2, state.folder("INBOX", "INBOX").target().uidNext());
                assertEquals(1, state.pairs("INBOX", "INBOX").get(1L).targetUid());
            }
        }
    }

    @Test
    void aRefusedSourceFolderIsReportedWithTheServersWordsAndTheTargetStaysUsable() throws Exception {
        try (LocalSessions local = new LocalSessions()) {
            LocalSessions.ServerEnd sourceEnd = new LocalSessions.ServerEnd();
            LocalSessions.ServerEnd targetEnd = new LocalSessions.ServerEnd();
            ImapSession source = local.connect("source", CAPS, sourceEnd);
            ImapSession target = local.connect("target", CAPS, targetEnd);
            SyncOptions options = SyncOptions.defaults(
                    Migrations.endpoint("127.0.0.1", 1, "a"), Migrations.endpoint("127.0.0.1", 2, "b"));
            FolderTransfer transfer = new FolderTransfer(
                    source,
                    target,
                    new CopyContext(options, SyncListener.NONE, new RateGovernor(0), new StopSignal()),
                    new ArrayList<>(),
                    null,
                    new OnePair());
            FolderPair pair = new FolderPair(
                    new Folder(MailboxName.of("Gone"), '/', true, false, null), MailboxName.of("Gone"), true);
            CompletableFuture<SyncReport.FolderReport> report = CompletableFuture.supplyAsync(() -> transfer.run(pair));
            String sourceSent = sourceEnd.await(r -> r.contains("EXAMINE Gone") && r.contains("UID FETCH 1:*"));
            String targetSent = targetEnd.await(r -> r.contains("SELECT Gone") && r.contains("UID FETCH 1:*"));
            // The FETCH sent behind a refused EXAMINE finds no folder selected (RFC 3501 §6.3.1).
            sourceEnd.send(
                    tagOf(sourceSent, "EXAMINE") + " NO [NONEXISTENT] Mailbox doesn't exist: Gone",
                    tagOf(sourceSent, "UID FETCH") + " BAD No mailbox selected");
            Exception e = assertThrows(Exception.class, () -> report.get(5, TimeUnit.SECONDS));
            assertTrue(
                    e.getCause().getMessage().contains("Mailbox doesn't exist: Gone"),
                    e.getCause().toString());
            assertFalse(
                    e.getCause().getMessage().contains("No mailbox selected"),
                    e.getCause().toString());
            // The target's answers, read by nobody, do not stand in the way of its next command.
            targetEnd.send(
                    "* 0 EXISTS",
                    tagOf(targetSent, "SELECT") + " OK [READ-WRITE] selected",
                    tagOf(targetSent, "UID FETCH") + " OK fetched");
            CompletableFuture<?> noop = target.submit(ImapCommands.noop());
            String next = targetEnd.await(r -> r.contains("NOOP"));
            targetEnd.send(tagOf(next, "NOOP") + " OK noop");
            noop.get(5, TimeUnit.SECONDS);
        }
    }

    /** The SELECT's answer (one message, UIDVALIDITY 9) and the metadata FETCH's. */
    private static void answerOpenAndRead(LocalSessions.ServerEnd end, String sent, String select, String code) {
        end.send(
                "* 1 EXISTS",
                "* OK [UIDVALIDITY 9] UIDs valid",
                "* OK [UIDNEXT 2] next",
                tagOf(sent, select) + " OK " + code + "selected");
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        end.sendRaw(("* 1 FETCH (UID 1 FLAGS (\\Seen) INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" RFC822.SIZE 120"
                        + " BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)] {" + header.length + "}\r\n" + HEADER
                        + ")\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        end.send(tagOf(sent, "UID FETCH") + " OK fetched");
    }

    /** The tag of the last command of that name the client sent. */
    private static String tagOf(String sent, String command) {
        Matcher m =
                Pattern.compile("(?m)^(\\S+) " + Pattern.quote(command) + "\\b").matcher(sent);
        String tag = null;
        while (m.find()) {
            tag = m.group(1);
        }
        assertNotNull(tag, "no " + command + " in:\n" + sent);
        return tag;
    }

    /** No other pair to share a folder with. */
    private static final class OnePair implements SliceQueue {
        @Override
        public int pairs() {
            return 1;
        }

        @Override
        public void offer(Slice slice) {
            throw new AssertionError("a folder of one message is not cut");
        }

        @Override
        public boolean withdraw(Slice slice) {
            return true;
        }
    }
}
