package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.state.AccountPair;
import org.imapferry.engine.state.SyncState;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run asked to stop: what the target confirmed is recorded and reported, nothing else is
 * changed (no deletion, no folder marked done), folders not begun say so, and the report says
 * the run was stopped.
 */
@DovecotTest
class StoppedRunTest {
    private static final int MESSAGES = 300;

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        for (String user : List.of("src", "early", "late")) {
            dovecot.addUser(user, Migrations.PASSWORD);
        }
        for (int i = 0; i < MESSAGES; i++) {
            dovecot.deliver(
                    "src",
                    i % 2 == 0 ? "INBOX" : "Archive",
                    message("m" + i),
                    Set.of("\\Seen"),
                    Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i));
        }
        for (String user : List.of("early", "late")) {
            dovecot.deliver(user, "INBOX", message("only-on-the-target"), Set.of(), Instant.now());
        }
    }

    private static byte[] message(String id) {
        return ("Message-ID: <" + id + "@x>\r\nFrom: a@x\r\nSubject: " + id + "\r\n\r\nbody of " + id + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One pair, so folders go one after the other; --delete2, forced, would empty the target's extras. */
    private static SyncOptions options(String target, Path state) {
        SyncOptions.Messages m = SyncOptions.Messages.defaults();
        return SyncOptions.defaults(
                        Migrations.endpoint(dovecot.host(), dovecot.port(), "src"),
                        Migrations.endpoint(dovecot.host(), dovecot.port(), target))
                .withConnections(1)
                .withStateFile(state)
                .withMessages(new SyncOptions.Messages(
                        null,
                        null,
                        null,
                        null,
                        null,
                        m.useHeaders(),
                        false,
                        List.of(),
                        true,
                        false,
                        false,
                        true,
                        true,
                        true,
                        SyncOptions.FlagSync.SOURCE_CHANGES));
    }

    @Test
    void aStopBeforeTheCopyLeavesEveryFolderNotStarted(@TempDir Path dir) throws Exception {
        StopSignal stop = new StopSignal();
        stop.request();
        SyncReport report = new SyncEngine(options("early", dir.resolve("state.db")), SyncListener.NONE, stop).run();
        assertTrue(report.stopped());
        assertFalse(report.complete());
        assertEquals(0, report.copied());
        assertEquals(MESSAGES, report.failed(), () -> Migrations.describe(report));
        for (SyncReport.FolderReport folder : report.folders()) {
            assertEquals(List.of("not started: the run was stopped"), folder.notes(), folder::toString);
        }
        assertEquals(Map.of("INBOX", 1L), counts("early"), "nothing copied, nothing deleted");
    }

    @Test
    void aStopDuringACopyKeepsWhatWasConfirmedAndChangesNothingElse(@TempDir Path dir) throws Exception {
        StopSignal stop = new StopSignal();
        AtomicInteger copied = new AtomicInteger();
        SyncListener stopAfterTen = new SyncListener() {
            @Override
            public void messageCopied(String source, long bytes) {
                if (copied.incrementAndGet() == 10) {
                    stop.request();
                }
            }
        };
        Path statePath = dir.resolve("state.db");
        SyncReport report = new SyncEngine(options("late", statePath), stopAfterTen, stop).run();
        assertTrue(report.stopped());
        assertTrue(report.copied() >= 10 && report.copied() < MESSAGES, () -> Migrations.describe(report));
        assertEquals(MESSAGES, report.copied() + report.failed(), () -> Migrations.describe(report));
        assertTrue(report.errors().isEmpty(), "a stop is not an error of any message: " + report.errors());
        assertTrue(
                report.folders().stream()
                        .anyMatch(f -> f.notes()
                                .contains("stopped: the run was stopped; " + (f.found() - f.copied())
                                        + " message(s) not copied")),
                () -> Migrations.describe(report));
        // The target's own message is still there: --delete2 does not run for a stopped folder.
        long onTarget =
                counts("late").values().stream().mapToLong(Long::longValue).sum();
        assertEquals(report.copied() + 1, onTarget, () -> Migrations.describe(report));
        SyncOptions used = options("late", statePath);
        try (SyncState state = SyncState.open(statePath, AccountPair.of(used.source(), used.target()))) {
            long recorded = state.pairs("INBOX", "INBOX").size()
                    + state.pairs("Archive", "Archive").size();
            assertEquals(report.copied(), recorded, "every confirmed message is recorded");
            assertNull(state.folder("INBOX", "INBOX"), "a stopped folder is not marked done");
        }
    }

    private static Map<String, Long> counts(String user) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        Migrations.nonEmpty(Migrations.snapshot(dovecot.host(), dovecot.port(), user))
                .forEach((folder, messages) -> counts.put(folder, (long) messages.size()));
        return counts;
    }
}
