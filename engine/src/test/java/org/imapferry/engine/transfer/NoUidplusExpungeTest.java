package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * On a server without UIDPLUS only a plain EXPUNGE exists, and it removes every message marked
 * \Deleted: a message a user marked themselves is never expunged by a run, on either side.
 */
@DovecotTest
class NoUidplusExpungeTest {
    /** Dovecot's capabilities after login, less UIDPLUS. */
    private static final String CAPABILITIES = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE CHILDREN"
            + " UNSELECT MULTIAPPEND CONDSTORE SPECIAL-USE";

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.builder()
            .extraConfig("imap_capability = " + CAPABILITIES)
            .build();

    private static DovecotServer dovecot;
    private static int accounts;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
    }

    private static byte[] message(String id, int bodyBytes) {
        return ("Message-ID: <" + id + "@uidplus.example>\r\nSubject: " + id + "\r\n\r\n" + "x".repeat(bodyBytes)
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String id(String name) {
        return "<" + name + "@uidplus.example>";
    }

    private SyncOptions accountPair(Map<String, Integer> sourceMessages) {
        int n = ++accounts;
        dovecot.addUsers(Map.of("src" + n, Migrations.PASSWORD, "dst" + n, Migrations.PASSWORD));
        sourceMessages.forEach((name, size) -> dovecot.deliver(
                "src" + n, "INBOX", message(name, size), Set.of(), Instant.parse("2024-05-06T07:08:09Z")));
        return SyncOptions.defaults(
                Migrations.endpoint(dovecot.host(), dovecot.port(), "src" + n),
                Migrations.endpoint(dovecot.host(), dovecot.port(), "dst" + n));
    }

    private static SyncOptions.Messages messages(Long maxSize, boolean delete1, boolean delete2) {
        SyncOptions.Messages d = SyncOptions.Messages.defaults();
        return new SyncOptions.Messages(
                null,
                null,
                maxSize,
                null,
                null,
                d.useHeaders(),
                false,
                d.regexFlag(),
                true,
                delete1,
                delete1,
                delete2,
                false,
                false,
                d.flagSync());
    }

    private static Map<String, Set<String>> flags(SyncOptions options, boolean source) {
        try (RawImap probe = RawImap.login(source ? options.source() : options.target())) {
            return probe.flagsById("INBOX");
        }
    }

    private static SyncReport.SyncError onlyError(SyncReport report) {
        assertEquals(1, report.errors().size(), () -> Migrations.describe(report));
        return report.errors().get(0);
    }

    @Test
    void aTargetMessageTheUserMarkedDeletedIsNotExpungedByDelete2() {
        SyncOptions options = accountPair(Map.of("a", 10, "b", 10, "u", 10));
        Migrations.runClean(options);
        dovecot.deliver(options.target().user(), "INBOX", message("x", 10), Set.of(), Instant.now());
        try (RawImap target = RawImap.login(options.target())) {
            target.addFlag("INBOX", id("u"), "\\Deleted");
        }

        SyncReport report = Migrations.run(options.withMessages(messages(null, false, true)));

        SyncReport.SyncError error = onlyError(report);
        assertEquals(SyncReport.Kind.EXPUNGE, error.kind());
        assertTrue(error.message().contains("INBOX") && error.message().contains("UIDPLUS"), error.message());
        assertEquals(0, report.deletedOnTarget());
        Map<String, Set<String>> target = flags(options, false);
        assertEquals(Set.of(id("a"), id("b"), id("u"), id("x")), target.keySet(), "nothing was expunged");
        assertEquals(Set.of("\\deleted"), target.get(id("u")), "the user's mark is as it was");
        assertEquals(Set.of("\\deleted"), target.get(id("x")), "ours stays marked for a later expunge");
    }

    @Test
    void aSourceMessageTheUserMarkedDeletedIsNotExpungedByDelete1() {
        SyncOptions options = accountPair(Map.of("a", 10, "b", 10, "k", 5_000));
        try (RawImap source = RawImap.login(options.source())) {
            source.addFlag("INBOX", id("k"), "\\Deleted");
        }

        SyncReport report = Migrations.run(options.withMessages(messages(2_000L, true, false)));

        SyncReport.SyncError error = onlyError(report);
        assertEquals(SyncReport.Kind.EXPUNGE, error.kind());
        assertTrue(error.message().contains("INBOX") && error.message().contains("UIDPLUS"), error.message());
        assertEquals(2, report.copied());
        Map<String, Set<String>> source = flags(options, true);
        assertEquals(Set.of(id("a"), id("b"), id("k")), source.keySet(), "nothing was expunged");
        assertEquals(Set.of("\\deleted"), source.get(id("a")));
        assertEquals(Set.of(id("a"), id("b")), flags(options, false).keySet());
    }

    @Test
    void delete1RemovesOnlyWhatWasCopiedAndCountsIt() {
        SyncOptions options = accountPair(Map.of("a", 10, "b", 10, "k", 5_000));

        SyncReport report = Migrations.runClean(options.withMessages(messages(2_000L, true, false)));

        assertEquals(2, report.copied());
        assertEquals(2, report.deletedOnSource(), "the statistics' \"Messages deleted on host1\"");
        assertEquals(Set.of(id("k")), flags(options, true).keySet(), "the message --maxsize left out stays");
        assertEquals(Set.of(id("a"), id("b")), flags(options, false).keySet());
    }

    @Test
    void withNoOtherMarkAPlainExpungeRemovesExactlyOurs() {
        SyncOptions options = accountPair(Map.of("a", 10, "b", 10, "c", 10));
        Migrations.runClean(options);
        dovecot.deliver(options.target().user(), "INBOX", message("x", 10), Set.of(), Instant.now());

        SyncReport report = Migrations.runClean(options.withMessages(messages(null, false, true)));

        assertEquals(1, report.deletedOnTarget());
        assertEquals(
                List.of(id("a"), id("b"), id("c")),
                flags(options, false).keySet().stream().sorted().toList());
    }
}
