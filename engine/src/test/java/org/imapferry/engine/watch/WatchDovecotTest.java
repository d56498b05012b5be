package org.imapferry.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.CuttingProxy;
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
 * A watch against Dovecot, which offers NOTIFY: mail delivered into two folders, a flag change,
 * a deletion and a new folder on the source reach the target within seconds while the watch runs
 * in the background; a stop ends it in step and the verifier finds the two sides the same.
 */
@DovecotTest
class WatchDovecotTest {
    // Dovecot offers NOTIFY only with its mailbox list index, which its test harness turns off.
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.builder()
            .extraConfig("mailbox_list_index = yes\n")
            .users(users())
            .build();

    private static DovecotServer dovecot;
    private static int accounts;

    @TempDir
    Path tmp;

    private static Map<String, String> users() {
        Map<String, String> users = new HashMap<>();
        for (int n = 1; n <= 3; n++) {
            users.put("src" + n, "pw-src");
            users.put("dst" + n, "pw-dst");
        }
        return users;
    }

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
    }

    private SyncOptions accountPair(boolean delete2) {
        int n = ++accounts;
        Endpoint source = Endpoint.plain(dovecot.host(), dovecot.port(), "src" + n, Secret.of("pw-src"));
        Endpoint target = Endpoint.plain(dovecot.host(), dovecot.port(), "dst" + n, Secret.of("pw-dst"));
        return SyncOptions.defaults(source, target)
                .withMessages(SyncOptions.Messages.defaults().withDelete2(delete2, false))
                .withStateFile(tmp.resolve("state" + n + ".sqlite"));
    }

    @Test
    void changesOnTheSourceReachTheTargetWhileTheWatchRuns() throws Exception {
        SyncOptions options = accountPair(true);
        String src = options.source().user();
        WatchedAccount.deliver(dovecot, src, "INBOX", "a1");
        WatchedAccount.deliver(dovecot, src, "INBOX", "a2");
        WatchedAccount.deliver(dovecot, src, "Work", "w1");
        CopyOnWriteArrayList<WatchReport> heard = new CopyOnWriteArrayList<>();
        try (WatchedAccount watch =
                WatchedAccount.start(options, new WatchOptions(null, Duration.ofSeconds(30)), heard::add)) {
            watch.awaitFollowing("NOTIFY");
            assertEquals(Set.of(WatchedAccount.id("a1"), WatchedAccount.id("a2")), watch.targetIds("INBOX"));

            WatchedAccount.append(options, "INBOX", "a3");
            watch.awaitOnTarget("INBOX", "a3", Duration.ofSeconds(5));
            WatchedAccount.append(options, "Work", "w2");
            watch.awaitOnTarget("Work", "w2", Duration.ofSeconds(5));
            try (RawImap source = RawImap.login(options.source())) {
                source.addFlag("INBOX", WatchedAccount.id("a1"), "\\Flagged");
                watch.awaitFlag("INBOX", "a1", "\\flagged", Duration.ofSeconds(5));
                source.delete("INBOX", WatchedAccount.id("a2"));
                watch.awaitGone("INBOX", "a2", Duration.ofSeconds(5));
            }
            WatchedAccount.create(options, "Projects");
            WatchedAccount.append(options, "Projects", "p1");
            watch.awaitOnTarget("Projects", "p1", Duration.ofSeconds(10));

            Watch.Outcome outcome = watch.stop();
            SyncReport report = outcome.report();
            assertTrue(report.complete(), () -> outcome.watch() + " " + report.errors());
            assertFalse(report.stopped(), "a stop while waiting leaves the target in step");
            assertEquals("NOTIFY", outcome.watch().mechanism());
            assertEquals(3, outcome.watch().messagesRelayed(), outcome.watch().toString());
            assertTrue(outcome.watch().flagsUpdated() >= 1, outcome.watch().toString());
            assertTrue(outcome.watch().deletedOnTarget() >= 1, outcome.watch().toString());
            assertTrue(
                    outcome.watch().lagMax().compareTo(Duration.ofSeconds(10)) <= 0,
                    outcome.watch().toString());
            assertEquals(6, report.copied(), "3 by the first pass, 3 relayed");
            assertFalse(heard.isEmpty());
            watch.assertSameOnBothSides();
        }
    }

    @Test
    void aSourceConnectionCutDuringTheWatchIsReplacedAndNothingIsMissed() throws Exception {
        SyncOptions direct = accountPair(false);
        String src = direct.source().user();
        WatchedAccount.deliver(dovecot, src, "INBOX", "c0");
        // Cuts the third connection to the source: with one copying pair, the first pass opens two
        // (the control session and the pair's), and the watch's own session is the next.
        try (CuttingProxy proxy = CuttingProxy.cuttingConnection(dovecot.host(), dovecot.port(), 3, 3000)) {
            Endpoint viaProxy = Endpoint.plain(dovecot.host(), proxy.port(), src, Secret.of("pw-src"));
            SyncOptions options = new SyncOptions(
                    viaProxy,
                    direct.target(),
                    direct.folders(),
                    direct.messages(),
                    direct.modes(),
                    direct.pace(),
                    1,
                    direct.reconnectMax(),
                    direct.stateFile());
            try (WatchedAccount watch =
                    WatchedAccount.start(options, new WatchOptions(null, Duration.ofSeconds(30)), WatchListener.NONE)) {
                watch.awaitFollowing("NOTIFY");
                int n = 0;
                while (!proxy.hasCut()) {
                    assertTrue(n < 200, "the watch's session never carried 3000 bytes");
                    WatchedAccount.append(direct, "INBOX", "c" + ++n);
                    watch.awaitOnTarget("INBOX", "c" + n, Duration.ofSeconds(5));
                }
                // Delivered while the watch has no session to the source: heard by the look after it reconnects.
                WatchedAccount.append(direct, "INBOX", "after-cut");
                watch.awaitOnTarget("INBOX", "after-cut", Duration.ofSeconds(10));
                Watch.Outcome outcome = watch.stop();
                assertTrue(
                        outcome.report().complete(),
                        () -> outcome.watch() + " " + outcome.report().errors());
                assertEquals(1, outcome.watch().reconnections(), outcome.watch().toString());
                assertEquals(n + 2, watch.targetIds("INBOX").size(), "every message once");
                watch.assertSameOnBothSides();
            }
        }
    }
}
