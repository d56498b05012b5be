package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** --dry plans against what is there, a missing target folder included, and changes nothing. */
@DovecotTest
class DryRunTest {
    private static final SyncOptions.Modes DRY = new SyncOptions.Modes(true, false, false, false, false, 50);

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUsers(Map.of("src", Migrations.PASSWORD, "empty", Migrations.PASSWORD, "full", Migrations.PASSWORD));
        Instant date = Instant.parse("2023-02-03T04:05:06Z");
        for (int i = 1; i <= 3; i++) {
            dovecot.deliver("src", "INBOX", message("i" + i), Set.of(), date);
            dovecot.deliver("full", "INBOX", message("i" + i), Set.of(), date);
        }
        dovecot.deliver("full", "INBOX", message("extra"), Set.of(), date);
        for (int i = 1; i <= 2; i++) {
            dovecot.deliver("src", "Work", message("w" + i), Set.of("\\Seen"), date);
        }
    }

    private static byte[] message(String id) {
        return ("Message-ID: <" + id + "@dry.example>\r\nSubject: " + id + "\r\n\r\nbody " + id + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static SyncOptions dryRunOnto(String targetUser) {
        return SyncOptions.defaults(
                        Migrations.endpoint(dovecot.host(), dovecot.port(), "src"),
                        Migrations.endpoint(dovecot.host(), dovecot.port(), targetUser))
                .withModes(DRY);
    }

    private static SyncReport.FolderReport folder(SyncReport report, String name) {
        return report.folders().stream()
                .filter(f -> f.source().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDryRunOntoAnEmptyTargetSaysWhatItWouldCopyAndWritesNothing() {
        SyncOptions options = dryRunOnto("empty");

        SyncReport report = Migrations.runClean(options);

        assertEquals(0, report.copied(), "a dry run copies nothing");
        SyncReport.FolderReport work = folder(report, "Work");
        assertTrue(work.created(), "Work is a folder the run would create");
        assertEquals(new SyncReport.Planned(2, work.planned().bytes(), 0, 0), work.planned());
        assertTrue(work.planned().bytes() > 0);
        assertEquals(3, folder(report, "INBOX").planned().copy());
        try (RawImap target = RawImap.login(options.target())) {
            assertFalse(target.folders().contains("Work"), target.folders().toString());
            assertEquals(0, target.messages("INBOX").size());
        }
    }

    @Test
    void aDryRunWithDelete2CountsWhatItWouldDeleteAndDeletesNothing() {
        SyncOptions options = dryRunOnto("full");
        options = options.withMessages(options.messages().withDelete2(true, false));

        SyncReport report = Migrations.runClean(options);

        SyncReport.FolderReport inbox = folder(report, "INBOX");
        assertEquals(1, inbox.planned().deletions());
        assertEquals(0, inbox.planned().copy());
        assertEquals(0, report.deletedOnTarget());
        try (RawImap target = RawImap.login(options.target())) {
            assertEquals(4, target.messages("INBOX").size());
            long extra = target.messages("INBOX").stream()
                    .filter(m -> m.messageId().equals("<extra@dry.example>"))
                    .findFirst()
                    .orElseThrow()
                    .uid();
            assertEquals(List.of(extra), inbox.planned().firstDeletions(), "the preview names host2's extra message");
        }
    }
}
