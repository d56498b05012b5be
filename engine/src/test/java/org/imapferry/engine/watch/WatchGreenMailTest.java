package org.imapferry.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch against GreenMail, which has IDLE but neither NOTIFY nor CONDSTORE: INBOX is heard at
 * once through IDLE, the other folders and the folder list through polls every --watch-interval.
 */
class WatchGreenMailTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static GreenMailServer greenMail;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        greenMail = GreenMailServer.start();
        greenMail.addUser("src", "pw-src");
        greenMail.addUser("dst", "pw-dst");
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.close();
        }
    }

    @Test
    void theIdleAndStatusFallbackRelaysTheSameChanges() throws Exception {
        Endpoint source = Endpoint.plain(greenMail.host(), greenMail.port(), "src", Secret.of("pw-src"));
        Endpoint target = Endpoint.plain(greenMail.host(), greenMail.port(), "dst", Secret.of("pw-dst"));
        SyncOptions options = SyncOptions.defaults(source, target)
                .withMessages(SyncOptions.Messages.defaults().withDelete2(true, false))
                .withStateFile(tmp.resolve("state.sqlite"));
        WatchedAccount.deliver(greenMail, "src", "INBOX", "g1");
        WatchedAccount.deliver(greenMail, "src", "INBOX", "g2");
        greenMail.createFolder("src", "Work");
        WatchedAccount.deliver(greenMail, "src", "Work", "v1");
        try (WatchedAccount watch =
                WatchedAccount.start(options, new WatchOptions(null, INTERVAL), WatchListener.NONE)) {
            watch.awaitFollowing("IDLE+STATUS");

            WatchedAccount.deliver(greenMail, "src", "INBOX", "g3");
            watch.awaitOnTarget("INBOX", "g3", Duration.ofSeconds(5));
            WatchedAccount.deliver(greenMail, "src", "Work", "v2");
            watch.awaitOnTarget("Work", "v2", Duration.ofSeconds(5));
            try (RawImap probe = RawImap.login(source)) {
                probe.addFlag("INBOX", WatchedAccount.id("g1"), "\\Flagged");
                watch.awaitFlag("INBOX", "g1", "\\flagged", Duration.ofSeconds(5));
                probe.delete("INBOX", WatchedAccount.id("g2"));
                watch.awaitGone("INBOX", "g2", Duration.ofSeconds(5));
            }
            greenMail.createFolder("src", "Projects");
            WatchedAccount.deliver(greenMail, "src", "Projects", "q1");
            watch.awaitOnTarget("Projects", "q1", Duration.ofSeconds(10));

            Watch.Outcome outcome = watch.stop();
            SyncReport report = outcome.report();
            assertTrue(report.complete(), () -> outcome.watch() + " " + report.errors());
            assertFalse(outcome.watch().pendingAtEnd());
            assertEquals("IDLE+STATUS", outcome.watch().mechanism());
            assertEquals(3, outcome.watch().messagesRelayed(), outcome.watch().toString());
            assertTrue(outcome.watch().deletedOnTarget() >= 1, outcome.watch().toString());
            watch.assertSameOnBothSides();
        }
    }

    @Test
    void withoutDelete2AMessageDeletedOnTheSourceStaysOnTheTarget() throws Exception {
        greenMail.addUser("keep-src", "pw-src");
        greenMail.addUser("keep-dst", "pw-dst");
        Endpoint source = Endpoint.plain(greenMail.host(), greenMail.port(), "keep-src", Secret.of("pw-src"));
        Endpoint target = Endpoint.plain(greenMail.host(), greenMail.port(), "keep-dst", Secret.of("pw-dst"));
        SyncOptions options = SyncOptions.defaults(source, target).withStateFile(tmp.resolve("keep.sqlite"));
        WatchedAccount.deliver(greenMail, "keep-src", "INBOX", "k1");
        WatchedAccount.deliver(greenMail, "keep-src", "INBOX", "k2");
        try (WatchedAccount watch =
                WatchedAccount.start(options, new WatchOptions(null, INTERVAL), WatchListener.NONE)) {
            watch.awaitFollowing("IDLE+STATUS");
            try (RawImap probe = RawImap.login(source)) {
                probe.delete("INBOX", WatchedAccount.id("k1"));
            }
            // Heard after the deletion on the same IDLE: once k3 is there, a pass read INBOX since.
            WatchedAccount.deliver(greenMail, "keep-src", "INBOX", "k3");
            watch.awaitOnTarget("INBOX", "k3", Duration.ofSeconds(5));
            Watch.Outcome outcome = watch.stop();
            assertTrue(
                    outcome.report().complete(),
                    () -> outcome.watch() + " " + outcome.report().errors());
            assertEquals(0, outcome.watch().deletedOnTarget(), outcome.watch().toString());
            assertEquals(
                    Set.of(WatchedAccount.id("k1"), WatchedAccount.id("k2"), WatchedAccount.id("k3")),
                    watch.targetIds("INBOX"),
                    "without --delete2 the target keeps what left the source");
        }
    }
}
