package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * --delete2 removes a target message only when its counterpart left the source: filters never
 * cause a deletion, with or without the state file, and a rerun with the state file reads the
 * target again when it changed.
 */
@DovecotTest
class Delete2Test {
    /** Twelve messages: the even ones are large (over {@link #MAX_SIZE}), every third one is old. */
    private static final int MESSAGES = 12;

    private static final long MAX_SIZE = 3_000;
    private static final double MAX_AGE_DAYS = 30;

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;
    private static int accounts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
    }

    private static String id(int n) {
        return "<d" + n + "@delete2.example>";
    }

    private static byte[] message(String messageId, int bodyBytes) {
        return ("From: a@example.org\r\nSubject: " + messageId + "\r\nMessage-ID: " + messageId + "\r\n\r\n"
                        + "x".repeat(bodyBytes) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A new account pair: the source seeded, the target empty; with a state file when asked. */
    private SyncOptions accountPair(boolean withState) {
        int n = ++accounts;
        dovecot.addUser("src" + n, Migrations.PASSWORD);
        dovecot.addUser("dst" + n, Migrations.PASSWORD);
        Instant now = Instant.now();
        for (int i = 1; i <= MESSAGES; i++) {
            Instant date = i % 3 == 0 ? now.minus(Duration.ofDays(100)) : now.minus(Duration.ofDays(2));
            dovecot.deliver("src" + n, "INBOX", message(id(i), i % 2 == 0 ? 5_000 : 100), Set.of(), date);
        }
        SyncOptions options = SyncOptions.defaults(
                Migrations.endpoint(dovecot.host(), dovecot.port(), "src" + n),
                Migrations.endpoint(dovecot.host(), dovecot.port(), "dst" + n));
        return withState ? options.withStateFile(tmp.resolve("state" + n + ".sqlite")) : options;
    }

    private static SyncOptions.Messages messages(Long maxSize, Double maxAgeDays, boolean delete2, boolean force) {
        SyncOptions.Messages d = SyncOptions.Messages.defaults();
        return new SyncOptions.Messages(
                maxAgeDays,
                null,
                maxSize,
                null,
                null,
                d.useHeaders(),
                false,
                d.regexFlag(),
                true,
                false,
                false,
                delete2,
                false,
                force,
                d.flagSync());
    }

    private static Set<String> ids(SyncOptions options) {
        try (RawImap target = RawImap.login(options.target())) {
            Set<String> ids = new TreeSet<>();
            target.messages("INBOX").forEach(m -> ids.add(m.messageId()));
            return ids;
        }
    }

    private static Set<String> allIdsBut(int... missing) {
        Set<String> ids = new TreeSet<>();
        for (int i = 1; i <= MESSAGES; i++) {
            ids.add(id(i));
        }
        for (int m : missing) {
            ids.remove(id(m));
        }
        return ids;
    }

    private static SyncReport.FolderReport inbox(SyncReport report) {
        return report.folders().stream()
                .filter(f -> f.source().equals("INBOX"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void filtersNeverDeleteWithoutTheState() {
        filtersNeverDelete(accountPair(false));
    }

    @Test
    void filtersNeverDeleteWithTheState() {
        filtersNeverDelete(accountPair(true));
    }

    private void filtersNeverDelete(SyncOptions options) {
        assertEquals(MESSAGES, Migrations.runClean(options).copied());

        SyncReport bySize = Migrations.runClean(options.withMessages(messages(MAX_SIZE, null, true, false)));
        assertEquals(0, bySize.deletedOnTarget(), () -> Migrations.describe(bySize));
        assertEquals(allIdsBut(), ids(options), "--maxsize with --delete2 removed messages still on the source");

        SyncReport byAge = Migrations.runClean(options.withMessages(messages(null, MAX_AGE_DAYS, true, true)));
        assertEquals(0, byAge.deletedOnTarget(), () -> Migrations.describe(byAge));
        assertEquals(allIdsBut(), ids(options), "--maxage with --delete2-force removed messages still on the source");

        try (RawImap source = RawImap.login(options.source())) {
            source.delete("INBOX", id(4));
            source.delete("INBOX", id(5));
        }
        SyncReport after = Migrations.runClean(options.withMessages(messages(MAX_SIZE, null, true, false)));
        assertEquals(2, after.deletedOnTarget(), () -> Migrations.describe(after));
        assertEquals(0, after.copied());
        assertEquals(allIdsBut(4, 5), ids(options), "what left the source leaves the target, large or not");
    }

    @Test
    void anExtraTargetMessageIsDeletedWithTheState() {
        SyncOptions options = accountPair(true);
        Migrations.runClean(options);
        dovecot.deliver(
                options.target().user(), "INBOX", message("<extra@delete2.example>", 10), Set.of(), Instant.now());

        SyncReport report = Migrations.runClean(options.withMessages(messages(null, null, true, false)));

        assertEquals(1, report.deletedOnTarget(), () -> Migrations.describe(report));
        assertEquals(allIdsBut(), ids(options));
    }

    @Test
    void aTargetMessageLeftByARunWithoutDelete2IsDeletedByOneWithIt() {
        SyncOptions options = accountPair(true);
        dovecot.deliver(
                options.target().user(), "INBOX", message("<before@delete2.example>", 10), Set.of(), Instant.now());
        Migrations.runClean(options);
        assertEquals(MESSAGES + 1, ids(options).size());

        SyncReport report = Migrations.runClean(options.withMessages(messages(null, null, true, false)));

        assertEquals(1, report.deletedOnTarget(), () -> Migrations.describe(report));
        assertEquals(allIdsBut(), ids(options));
    }

    @Test
    void aMessageDeletedOnTheTargetIsCopiedAgainByARerunWithTheState() {
        SyncOptions options = accountPair(true);
        Migrations.runClean(options);
        try (RawImap target = RawImap.login(options.target())) {
            target.delete("INBOX", id(7));
        }

        SyncReport rerun = Migrations.runClean(options);
        SyncReport.FolderReport line = inbox(rerun);
        assertEquals(MESSAGES, line.found());
        assertEquals(1, line.copied(), () -> Migrations.describe(rerun));
        assertEquals(MESSAGES - 1, line.skipped());
        assertTrue(line.notes().stream().anyMatch(n -> n.contains("no longer on the target")), line.notes()::toString);
        assertEquals(allIdsBut(), ids(options));

        SyncReport third = Migrations.runClean(options);
        assertEquals(0, third.copied());
        assertTrue(
                inbox(third).notes().contains("unchanged since the last run"),
                inbox(third).notes()::toString);
    }

    @Test
    void aTargetChangedSinceTheLastRunIsNotSkipped() {
        SyncOptions options = accountPair(true);
        Migrations.runClean(options);
        dovecot.deliver(
                options.target().user(), "INBOX", message("<own@delete2.example>", 10), Set.of(), Instant.now());

        SyncReport rerun = Migrations.runClean(options);

        assertFalse(
                inbox(rerun).notes().contains("unchanged since the last run"),
                inbox(rerun).notes()::toString);
        assertEquals(0, rerun.copied());
        assertEquals(0, rerun.deletedOnTarget(), "without --delete2 the target's own message stays");
        assertEquals(MESSAGES + 1, ids(options).size());
    }
}
