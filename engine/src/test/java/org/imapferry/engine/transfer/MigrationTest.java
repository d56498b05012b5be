package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an administrator's first real migration looks like on one Dovecot (accounts as source and
 * targets): excluded folders, a rename, a second run that must change nothing with and without a
 * state file, and parallel folder copies that must give what a single connection gives.
 */
@DovecotTest
class MigrationTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @BeforeAll
    static void seed() {
        dovecot = DOVECOT.server();
        for (String user : List.of("mig", "m0", "m1", "m2", "par", "p1", "p3")) {
            dovecot.addUser(user, Migrations.PASSWORD);
        }
        Instant date = Instant.parse("2019-03-04T05:06:07Z");
        int n = 0;
        for (String folder :
                List.of("INBOX", "INBOX", "INBOX", "Sent", "Sent", "Drafts", "Trash", "Spam", "Projects/2016")) {
            dovecot.deliver("mig", folder, message("mig" + n, folder), Set.of("\\Seen"), date.plusSeconds(n++));
        }
        for (int f = 0; f < 10; f++) {
            for (int i = 0; i < 3; i++) {
                // The last two of each folder are exact duplicates.
                String id = "par" + f + "-" + Math.min(i, 1);
                dovecot.deliver(
                        "par",
                        "folder" + f,
                        message(id, "folder" + f),
                        i == 0 ? Set.of() : Set.of("$Work"),
                        date.plusSeconds(f));
            }
        }
    }

    private static byte[] message(String id, String folder) {
        return AwkwardAccount.crlf("Message-ID: <" + id + "@x>\nDate: Mon, 4 Mar 2019 05:06:07 +0000\nFrom: a@x\n"
                + "Subject: " + id + " in " + folder + "\n\nbody of " + id + "\n");
    }

    private static SyncOptions options(String source, String target) {
        return SyncOptions.defaults(
                Migrations.endpoint(dovecot.host(), dovecot.port(), source),
                Migrations.endpoint(dovecot.host(), dovecot.port(), target));
    }

    private static SyncOptions realMigration(String target) {
        SyncOptions.Folders folders = new SyncOptions.Folders(
                List.of(),
                List.of(),
                List.of(),
                List.of(Pattern.compile("Trash|Spam|Drafts")),
                false,
                List.of("s/Sent/Sent Items/"),
                Map.of(),
                false,
                null,
                null,
                null,
                null,
                false);
        return options("mig", target).withFolders(folders);
    }

    @Test
    void excludedFoldersStayBehindAndSentBecomesSentItems() throws IOException {
        SyncOptions options = realMigration("m0");
        SyncReport report = Migrations.runClean(options);
        assertEquals(6, report.copied(), () -> Migrations.describe(report));
        assertTrue(
                report.folders().stream().noneMatch(f -> f.source().matches("Trash|Spam|Drafts")),
                () -> Migrations.describe(report));

        VerifyReport verified = Migrations.verify(options);
        assertEquals(6, verified.identical());
        assertTrue(
                verified.folders().stream()
                        .anyMatch(f -> f.source().equals("Sent") && f.target().equals("Sent Items")),
                verified::toString);

        Map<String, List<RawImap.Message>> source = Migrations.snapshot(dovecot.host(), dovecot.port(), "mig");
        Map<String, List<RawImap.Message>> target = Migrations.snapshot(dovecot.host(), dovecot.port(), "m0");
        Migrations.assertSameMessages("Sent -> Sent Items", source.get("Sent"), target.get("Sent Items"));
        Migrations.assertSameMessages("INBOX", source.get("INBOX"), target.get("INBOX"));
        Migrations.assertSameMessages("Projects/2016", source.get("Projects/2016"), target.get("Projects/2016"));
        assertFalse(target.containsKey("Spam"), () -> "Spam was created: " + target.keySet());
        // Dovecot creates its special-use folders itself; they must hold nothing of the source.
        assertEquals(
                Set.of("INBOX", "Sent Items", "Projects/2016"),
                Migrations.nonEmpty(target).keySet());
    }

    @Test
    void secondRunWithoutStateCopiesNothing() throws IOException {
        SyncOptions options = realMigration("m1").withConnections(1);
        Migrations.runClean(options);
        Map<String, List<RawImap.Message>> after = Migrations.snapshot(dovecot.host(), dovecot.port(), "m1");
        assertEquals(6, Migrations.total(after));
        SyncReport again = Migrations.runClean(options);
        assertEquals(0, again.copied(), () -> Migrations.describe(again));
        assertEquals(after, Migrations.snapshot(dovecot.host(), dovecot.port(), "m1"));
    }

    @Test
    void secondAndThirdRunWithStateCopyNothing(@TempDir Path dir) throws IOException {
        Path stateFile = dir.resolve("state.db");
        SyncOptions options = realMigration("m2").withStateFile(stateFile);
        SyncReport first = Migrations.runClean(options);
        assertEquals(6, first.copied(), () -> Migrations.describe(first));
        assertTrue(Files.exists(stateFile));
        Map<String, List<RawImap.Message>> after = Migrations.snapshot(dovecot.host(), dovecot.port(), "m2");
        assertEquals(6, Migrations.total(after));
        for (int run = 2; run <= 3; run++) {
            SyncReport again = Migrations.runClean(options);
            assertEquals(0, again.copied(), () -> Migrations.describe(again));
            assertEquals(after, Migrations.snapshot(dovecot.host(), dovecot.port(), "m2"), "run " + run);
        }
        // Without the state, keys alone still find everything on the target.
        SyncReport stateless = Migrations.runClean(realMigration("m2"));
        assertEquals(0, stateless.copied(), () -> Migrations.describe(stateless));
        assertEquals(after, Migrations.snapshot(dovecot.host(), dovecot.port(), "m2"));
        Migrations.verify(options);
    }

    @Test
    void threeConnectionsGiveWhatOneGives() throws IOException {
        SyncReport one = Migrations.runClean(options("par", "p1").withConnections(1));
        SyncReport three = Migrations.runClean(options("par", "p3").withConnections(3));
        assertEquals(30, one.copied(), () -> Migrations.describe(one));
        assertEquals(30, three.copied(), () -> Migrations.describe(three));
        assertTrue(three.connectionsUsed() > 2, () -> "connections used: " + three.connectionsUsed());
        Map<String, List<RawImap.Message>> source = Migrations.snapshot(dovecot.host(), dovecot.port(), "par");
        Map<String, List<RawImap.Message>> p1 = Migrations.snapshot(dovecot.host(), dovecot.port(), "p1");
        Map<String, List<RawImap.Message>> p3 = Migrations.snapshot(dovecot.host(), dovecot.port(), "p3");
        assertEquals(p1, p3);
        assertEquals(Migrations.nonEmpty(source), Migrations.nonEmpty(p3));
        assertEquals(10, Migrations.nonEmpty(p3).size());
        Migrations.verify(options("par", "p3"));
    }
}
