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

/** --delete2folders removes target folders no source folder maps to, and nothing else. */
@DovecotTest
class DeleteFoldersTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUsers(Map.of("src", Migrations.PASSWORD, "dst", Migrations.PASSWORD));
        Instant date = Instant.parse("2022-01-02T03:04:05Z");
        dovecot.deliver("src", "Work", message("w"), Set.of(), date);
        dovecot.deliver("dst", "Old", message("o"), Set.of(), date);
        dovecot.deliver("dst", "Old/Child", message("c"), Set.of(), date);
        dovecot.deliver("dst", "Work", message("x"), Set.of(), date);
    }

    private static byte[] message(String id) {
        return ("Message-ID: <" + id + "@del>\r\nSubject: " + id + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void foldersOnlyTheTargetHasAreDeletedChildrenFirst() {
        SyncOptions options = SyncOptions.defaults(
                Migrations.endpoint(dovecot.host(), dovecot.port(), "src"),
                Migrations.endpoint(dovecot.host(), dovecot.port(), "dst"));
        options = options.withMessages(options.messages().withDelete2(false, true));
        SyncReport report = Migrations.runClean(options);
        assertEquals(1, report.copied());
        try (RawImap target = RawImap.login(options.target())) {
            List<String> folders = target.folders();
            assertFalse(folders.contains("Old"), folders.toString());
            assertFalse(folders.contains("Old/Child"), folders.toString());
            assertTrue(folders.containsAll(List.of("INBOX", "Work", "Sent", "Trash")), folders.toString());
            assertEquals(2, target.messages("Work").size(), "the target's own message in a kept folder stays");
        }
    }
}
