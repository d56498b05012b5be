package org.imapferry.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns with the state file after a run whose filters left messages out: a rerun that selects
 * otherwise, or by an age that has moved on, finds them; a rerun with the same size filter keeps
 * skipping what did not change. Source and target are accounts of a private Dovecot.
 */
@DovecotTest
class FilteredRerunTest {
    private static final String UNCHANGED = "unchanged since the last run";
    private static final long MAX_SIZE = 20_000;

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;
    private static int accounts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        Map<String, String> users = new HashMap<>();
        for (int n = 1; n <= 4; n++) {
            users.put("src" + n, "pw-src");
            users.put("dst" + n, "pw-dst");
        }
        dovecot.addUsers(users);
    }

    private SyncOptions accountPair() {
        int n = ++accounts;
        Endpoint source = Endpoint.plain(dovecot.host(), dovecot.port(), "src" + n, Secret.of("pw-src"));
        Endpoint target = Endpoint.plain(dovecot.host(), dovecot.port(), "dst" + n, Secret.of("pw-dst"));
        return SyncOptions.defaults(source, target).withStateFile(tmp.resolve("state" + n + ".sqlite"));
    }

    private static SyncOptions with(SyncOptions options, Long maxSize, Double minAgeDays) {
        SyncOptions.Messages m = options.messages();
        return options.withMessages(new SyncOptions.Messages(
                m.maxAgeDays(),
                minAgeDays,
                maxSize,
                m.minSize(),
                m.search(),
                m.useHeaders(),
                m.sizeInIdentity(),
                m.regexFlag(),
                m.syncInternalDates(),
                m.delete1(),
                m.expunge1(),
                m.delete2(),
                m.delete2Folders(),
                m.forceDelete2(),
                m.flagSync()));
    }

    private static void deliver(SyncOptions options, String folder, String id, int bodyBytes, Instant date) {
        byte[] raw = ("From: a@example.org\r\nSubject: message " + id + "\r\nMessage-ID: <" + id
                        + "@filtered.example>\r\nDate: Mon, 2 Mar 2020 10:00:00 +0000\r\n\r\n" + "x".repeat(bodyBytes)
                        + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        dovecot.deliver(options.source().user(), folder, raw, Set.of(), date);
    }

    private static void deliver(SyncOptions options, String folder, String id, int bodyBytes) {
        deliver(options, folder, id, bodyBytes, Instant.parse("2020-03-02T10:00:00Z"));
    }

    private static Set<String> onTarget(SyncOptions options, String folder) {
        try (RawImap target = RawImap.login(options.target())) {
            return target.flagsById(folder).keySet();
        }
    }

    private static Set<String> ids(String... names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.add("<" + n + "@filtered.example>");
        }
        return out;
    }

    private static SyncReport run(SyncOptions options) {
        SyncReport report = new SyncEngine(options, SyncListener.NONE).run();
        assertTrue(report.complete(), () -> report.errors() + report.folders().toString() + dovecot.log());
        return report;
    }

    private static SyncReport.FolderReport folder(SyncReport report, String name) {
        return report.folders().stream()
                .filter(f -> f.source().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Two small and two large messages in INBOX and in Work. */
    private static void seed(SyncOptions options) {
        for (String folder : List.of("INBOX", "Work")) {
            String p = folder.toLowerCase(Locale.ROOT);
            deliver(options, folder, p + "-small1", 100);
            deliver(options, folder, p + "-large1", 30_000);
            deliver(options, folder, p + "-small2", 100);
            deliver(options, folder, p + "-large2", 30_000);
        }
    }

    @Test
    void aRunWithoutMaxsizeCopiesWhatTheFirstRunLeftOut() {
        SyncOptions options = accountPair();
        seed(options);
        SyncReport first = run(with(options, MAX_SIZE, null));
        assertEquals(4, first.copied(), "only the small messages");
        assertEquals(ids("inbox-small1", "inbox-small2"), onTarget(options, "INBOX"));

        // INBOX stays unchanged (the skip); Work gets a new message (the read above the highest UID).
        deliver(options, "Work", "work-small3", 100);
        SyncReport second = run(options);
        assertEquals(5, second.copied(), "both large messages of each folder, and the new one");
        assertFalse(
                folder(second, "INBOX").notes().contains(UNCHANGED),
                second.folders().toString());
        assertEquals(ids("inbox-small1", "inbox-small2", "inbox-large1", "inbox-large2"), onTarget(options, "INBOX"));
        assertEquals(
                ids("work-small1", "work-small2", "work-large1", "work-large2", "work-small3"),
                onTarget(options, "Work"));

        SyncReport third = run(options);
        assertEquals(0, third.copied());
        assertTrue(
                third.folders().stream().allMatch(f -> f.notes().contains(UNCHANGED)),
                third.folders().toString());
    }

    @Test
    void theSameSizeFilterKeepsSkippingUnchangedFolders() {
        SyncOptions options = with(accountPair(), MAX_SIZE, null);
        seed(options);
        assertEquals(4, run(options).copied());
        deliver(options, "Work", "work-small3", 100);
        deliver(options, "Work", "work-large3", 30_000);

        SyncReport second = run(options);
        assertEquals(1, second.copied(), "only the new small message");
        assertTrue(
                folder(second, "INBOX").notes().contains(UNCHANGED),
                second.folders().toString());
        assertFalse(
                folder(second, "Work").notes().contains(UNCHANGED),
                second.folders().toString());
        assertEquals(ids("work-small1", "work-small2", "work-small3"), onTarget(options, "Work"));
    }

    @Test
    void aMessageTooYoungForMinageIsCopiedOnceItIsOldEnough() throws Exception {
        SyncOptions options = with(accountPair(), null, 7.0);
        deliver(options, "INBOX", "old", 100, Instant.now().minus(Duration.ofDays(30)));
        // Old enough some seconds from now: the first run sees it too young, the second old enough,
        // with nothing in the folder changed in between.
        Instant ripe = Instant.now().plusSeconds(10);
        deliver(options, "INBOX", "ripening", 100, ripe.minus(Duration.ofDays(7)));

        SyncReport first = run(options);
        assertTrue(Instant.now().isBefore(ripe), "the first run took too long to see the message too young");
        assertEquals(1, first.copied());
        assertEquals(ids("old"), onTarget(options, "INBOX"));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), ripe).toMillis()) + 1_500);
        SyncReport second = run(options);
        assertEquals(1, second.copied(), second.folders().toString());
        assertEquals(ids("old", "ripening"), onTarget(options, "INBOX"));
    }
}
