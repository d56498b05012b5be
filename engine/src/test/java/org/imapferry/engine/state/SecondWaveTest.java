package org.imapferry.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.Verifier;
import org.imapferry.engine.verify.VerifyOptions;
import org.imapferry.engine.verify.VerifyReport;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-wave migration: a first copy while users still work on the source, then changes on
 * both sides, then a second run with --delete2 that brings exactly the changes across, keeps what
 * a user changed on the target, and copies nothing twice.
 */
@DovecotTest
class SecondWaveTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;
    private static GreenMailServer greenMail;
    private static int accounts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        greenMail = GreenMailServer.start();
        Map<String, String> users = new HashMap<>();
        for (int n = 1; n <= 5; n++) {
            users.put("src" + n, "pw-src");
            users.put("dst" + n, "pw-dst");
            greenMail.addUser("src" + n, "pw-src");
        }
        dovecot.addUsers(users);
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.close();
        }
    }

    /** A source account on Dovecot (CONDSTORE) or GreenMail (none), and an empty target on Dovecot. */
    private SyncOptions accountPair(boolean greenMailSource) {
        int n = ++accounts;
        Endpoint source;
        if (greenMailSource) {
            source = Endpoint.plain(greenMail.host(), greenMail.port(), "src" + n, Secret.of("pw-src"));
        } else {
            source = Endpoint.plain(dovecot.host(), dovecot.port(), "src" + n, Secret.of("pw-src"));
        }
        Endpoint target = Endpoint.plain(dovecot.host(), dovecot.port(), "dst" + n, Secret.of("pw-dst"));
        return SyncOptions.defaults(source, target)
                .withMessages(SyncOptions.Messages.defaults().withDelete2(true, false))
                .withStateFile(tmp.resolve("state.sqlite"));
    }

    private void deliver(boolean greenMailSource, String user, String folder, String id, Set<String> flags) {
        byte[] raw = ("From: a@example.org\r\nSubject: message " + id + "\r\nMessage-ID: <" + id
                        + "@wave.example>\r\nDate: Mon, 2 Mar 2020 10:00:00 +0000\r\n\r\nBody of " + id + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Instant date = Instant.parse("2020-03-02T10:00:00Z");
        if (greenMailSource) {
            greenMail.deliver(user, folder, raw, flags, date);
        } else {
            dovecot.deliver(user, folder, raw, flags, date);
        }
    }

    private static String id(String n) {
        return "<" + n + "@wave.example>";
    }

    @Test
    void secondWaveFromDovecotBringsExactlyTheChanges() {
        twoWaves(false);
    }

    @Test
    void secondWaveFromGreenMailWithoutCondstoreBringsExactlyTheChanges() {
        twoWaves(true);
    }

    private void twoWaves(boolean greenMailSource) {
        SyncOptions options = accountPair(greenMailSource);
        String src = options.source().user();
        for (int i = 1; i <= 20; i++) {
            deliver(greenMailSource, src, "INBOX", "m" + i, i % 2 == 0 ? Set.of("\\Seen") : Set.of());
        }
        for (int i = 1; i <= 5; i++) {
            deliver(greenMailSource, src, "Work", "w" + i, Set.of("\\Seen"));
        }
        SyncReport first = new SyncEngine(options, SyncListener.NONE).run();
        assertTrue(first.errors().isEmpty(), () -> first.errors() + dovecot.log());
        assertEquals(25, first.copied());

        for (int i = 1; i <= 3; i++) {
            deliver(greenMailSource, src, "INBOX", "n" + i, Set.of());
        }
        deliver(greenMailSource, src, "Work", "w6", Set.of("$Forwarded"));
        try (RawImap source = RawImap.login(options.source());
                RawImap target = RawImap.login(options.target())) {
            source.addFlag("INBOX", id("m2"), "\\Flagged");
            source.removeFlag("INBOX", id("m4"), "\\Seen");
            target.addFlag("INBOX", id("m6"), "$Important");
            source.delete("INBOX", id("m5"));
        }

        SyncReport second = new SyncEngine(options, SyncListener.NONE).run();
        assertTrue(second.errors().isEmpty(), () -> second.errors() + dovecot.log());
        assertEquals(4, second.copied(), "only the new messages are copied");
        assertEquals(1, second.deletedOnTarget());

        try (RawImap target = RawImap.login(options.target())) {
            Map<String, Set<String>> inbox = target.flagsById("INBOX");
            assertEquals(22, inbox.size());
            assertFalse(inbox.containsKey(id("m5")), "deleted on the source, removed by --delete2");
            assertTrue(inbox.get(id("m2")).contains("\\flagged"), "source flag change applied");
            assertFalse(inbox.get(id("m4")).contains("\\seen"), "source flag removal applied");
            assertTrue(inbox.get(id("m6")).contains("$important"), "the target user's flag is kept");
            assertTrue(inbox.get(id("m6")).contains("\\seen"));
            for (int i = 1; i <= 3; i++) {
                assertTrue(inbox.containsKey(id("n" + i)));
            }
            assertEquals(Set.of("$forwarded"), target.flagsById("Work").get(id("w6")));
        }
        VerifyReport proof = new Verifier(options, VerifyOptions.strict()).run();
        assertEquals(
                0,
                proof.count(VerifyReport.Kind.MISSING_ON_TARGET)
                        + proof.count(VerifyReport.Kind.EXTRA_ON_TARGET)
                        + proof.count(VerifyReport.Kind.CONTENT_DIFFERS));
        assertEquals(1, proof.count(VerifyReport.Kind.FLAGS_DIFFER), "only the target-side flag differs");

        SyncReport third = new SyncEngine(options, SyncListener.NONE).run();
        assertEquals(0, third.copied());
        assertTrue(
                third.folders().stream().allMatch(f -> f.notes().contains("unchanged since the last run")),
                third.folders().toString());
    }

    @Test
    void withNoresyncflagsTheSecondWaveStillRemovesWhatLeftTheSourceAndTouchesNoFlag() {
        SyncOptions options = accountPair(false);
        options = options.withMessages(options.messages().withFlagSync(SyncOptions.FlagSync.NONE));
        String src = options.source().user();
        for (int i = 1; i <= 3; i++) {
            deliver(false, src, "INBOX", "k" + i, Set.of());
        }
        assertEquals(3, new SyncEngine(options, SyncListener.NONE).run().copied());
        try (RawImap source = RawImap.login(options.source())) {
            source.addFlag("INBOX", id("k1"), "\\Flagged");
            source.delete("INBOX", id("k2"));
        }
        SyncReport second = new SyncEngine(options, SyncListener.NONE).run();
        assertTrue(second.errors().isEmpty(), () -> second.errors() + dovecot.log());
        assertEquals(1, second.deletedOnTarget());
        try (RawImap target = RawImap.login(options.target())) {
            Map<String, Set<String>> inbox = target.flagsById("INBOX");
            assertEquals(Set.of(id("k1"), id("k3")), inbox.keySet());
            assertFalse(inbox.get(id("k1")).contains("\\flagged"), "--noresyncflags leaves flags alone");
        }
    }

    @Test
    void aRunKilledInTheMiddleIsFinishedByTheNextWithoutDuplicates() throws Exception {
        SyncOptions options = accountPair(false);
        String src = options.source().user();
        for (int i = 1; i <= 600; i++) {
            deliver(false, src, "INBOX", "big" + i, Set.of());
        }
        SyncReport killed;
        try (org.imapferry.engine.testserver.CuttingProxy proxy =
                new org.imapferry.engine.testserver.CuttingProxy(dovecot.host(), dovecot.port(), 60_000)) {
            Endpoint viaProxy = new Endpoint(
                    options.source().host(),
                    proxy.port(),
                    Endpoint.Security.PLAIN,
                    src,
                    Secret.of("pw-src"),
                    null,
                    null,
                    null,
                    null,
                    true,
                    false,
                    false,
                    options.source().timeout(),
                    false);
            killed = new SyncEngine(
                            new SyncOptions(
                                    viaProxy,
                                    options.target(),
                                    options.folders(),
                                    options.messages(),
                                    options.modes(),
                                    options.pace(),
                                    1,
                                    0,
                                    options.stateFile()),
                            SyncListener.NONE)
                    .run();
            assertTrue(proxy.hasCut());
        }
        assertFalse(killed.errors().isEmpty(), "the cut run reports its failure");
        assertTrue(killed.copied() < 600, "the cut came in the middle: " + killed.copied());

        SyncReport rerun = new SyncEngine(options, SyncListener.NONE).run();
        assertTrue(rerun.errors().isEmpty(), () -> rerun.errors() + dovecot.log());
        try (RawImap target = RawImap.login(options.target())) {
            assertEquals(600, target.flagsById("INBOX").size(), "every message once");
        }
        assertTrue(new Verifier(options, VerifyOptions.strict()).run().clean());
    }

    @Test
    void aUidValidityResetOnTheSourceIsMatchedAgainByKeys() throws Exception {
        SyncOptions options = accountPair(false);
        String src = options.source().user();
        for (int i = 1; i <= 10; i++) {
            deliver(false, src, "Projects", "p" + i, Set.of());
        }
        assertEquals(10, new SyncEngine(options, SyncListener.NONE).run().copied());

        // A restored backup or a rebuilt index: the same messages under a new UIDVALIDITY.
        Path maildir = dovecot.directory()
                .resolve("mail")
                .resolve(src)
                .resolve("Maildir")
                .resolve("Projects");
        Files.deleteIfExists(maildir.resolve("dovecot-uidlist"));
        try (var indexes = Files.list(maildir)) {
            for (Path p : indexes.filter(p -> p.getFileName().toString().startsWith("dovecot.index"))
                    .toList()) {
                Files.delete(p);
            }
        }
        deliver(false, src, "Projects", "p11", Set.of());

        SyncReport second = new SyncEngine(options, SyncListener.NONE).run();
        assertTrue(second.errors().isEmpty(), () -> second.errors() + dovecot.log());
        assertEquals(1, second.copied());
        assertTrue(
                second.folders().stream().anyMatch(f -> f.notes().stream().anyMatch(n -> n.contains("UIDVALIDITY"))),
                second.folders().toString());
        try (RawImap target = RawImap.login(options.target())) {
            assertEquals(11, target.flagsById("Projects").size());
        }
    }
}
