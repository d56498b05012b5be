package org.imapferry.engine.verify;

import static org.imapferry.engine.verify.VerifyFixtures.DATE;
import static org.imapferry.engine.verify.VerifyFixtures.folder;
import static org.imapferry.engine.verify.VerifyFixtures.login;
import static org.imapferry.engine.verify.VerifyFixtures.message;
import static org.imapferry.engine.verify.VerifyFixtures.uid;
import static org.imapferry.engine.verify.VerifyFixtures.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.VerifyFixtures.Server;
import org.imapferry.engine.verify.VerifyReport.Difference;
import org.imapferry.engine.verify.VerifyReport.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verification plans folders as migrations do (--regextrans2, --exclude), treats a target folder
 * that does not exist as empty, and can compare from the first line after delivery headers.
 */
@DovecotTest
class VerifierFoldersAndHeadersTest {
    private static final List<String> DELIVERY_HEADERS =
            List.of("Received", "Return-Path", "Delivered-To", "X-Original-To");

    @RegisterExtension
    static final DovecotExtension DOVECOT1 = DovecotExtension.plain();

    private static DovecotServer dovecot1;

    @RegisterExtension
    static final DovecotExtension DOVECOT2 = DovecotExtension.plain();

    private static DovecotServer dovecot2;
    private static Server source;
    private static Server target;

    @BeforeAll
    static void startServers() {
        dovecot1 = DOVECOT1.server();
        dovecot2 = DOVECOT2.server();
        source = Server.of(dovecot1).withAccounts(6);
        target = Server.of(dovecot2).withAccounts(6);
    }

    private static SyncOptions.Folders folders(List<Pattern> exclude, List<String> regextrans2) {
        return new SyncOptions.Folders(
                List.of(),
                List.of(),
                List.of(),
                exclude,
                false,
                regextrans2,
                Map.of(),
                false,
                null,
                null,
                null,
                null,
                false);
    }

    @Test
    void regextrans2ComparesTheRenamedPair() {
        String from = source.newUser();
        String to = target.newUser();
        source.deliver(from, "Old/Stuff", message("renamed one"), Set.of("\\Seen"), DATE);
        source.deliver(from, "Old/Stuff", message("renamed two"), Set.of(), DATE);
        target.deliver(to, "New/Stuff", message("renamed one"), Set.of("\\Seen"), DATE);
        target.deliver(to, "New/Stuff", message("renamed two"), Set.of("\\Flagged"), DATE);
        SyncOptions plain = VerifyFixtures.options(source, from, target, to);
        SyncOptions renamed = plain.withFolders(folders(List.of(), List.of("s/^Old/New/")));

        VerifyReport report = verify(renamed, VerifyOptions.strict());

        VerifyReport.FolderResult stuff = folder(report, "Old/Stuff");
        assertEquals("New/Stuff", stuff.target());
        assertEquals(2, stuff.sourceMessages());
        assertEquals(2, stuff.targetMessages());
        assertEquals(1, stuff.identical());
        assertEquals(1, report.differences(), report.toString());
        Difference d = stuff.differences().get(0);
        assertEquals(Kind.FLAGS_DIFFER, d.kind());
        assertEquals(uid(target, to, "New/Stuff", "renamed two"), d.targetUid());
        // Without the rule the source folder pairs with a target folder that does not exist.
        assertEquals(2, verify(plain, VerifyOptions.strict()).count(Kind.MISSING_ON_TARGET));
    }

    @Test
    void excludedFolderIsNotCompared() {
        String from = source.newUser();
        String to = target.newUser();
        source.deliver(from, "INBOX", message("inbox mail"), Set.of(), DATE);
        target.deliver(to, "INBOX", message("inbox mail"), Set.of(), DATE);
        source.deliver(from, "Private", message("private mail"), Set.of(), DATE);
        SyncOptions plain = VerifyFixtures.options(source, from, target, to);

        VerifyReport excluded = verify(
                plain.withFolders(folders(List.of(Pattern.compile("^Private$")), List.of())), VerifyOptions.strict());

        assertTrue(excluded.clean(), excluded.toString());
        assertTrue(excluded.folders().stream().noneMatch(f -> f.source().equals("Private")), excluded.toString());
        assertEquals(1, folder(excluded, "INBOX").identical());
        assertEquals(1, verify(plain, VerifyOptions.strict()).count(Kind.MISSING_ON_TARGET));
    }

    @Test
    void missingTargetFolderMeansEveryMessageIsMissingAndIsNotCreated() throws IOException {
        String from = source.newUser();
        String to = target.newUser();
        source.deliver(from, "Lonely", message("lonely one"), Set.of("\\Seen"), DATE);
        source.deliver(from, "Lonely", message("lonely two"), Set.of(), DATE);

        VerifyReport report = verify(VerifyFixtures.options(source, from, target, to), VerifyOptions.strict());

        VerifyReport.FolderResult lonely = folder(report, "Lonely");
        assertTrue(report.errors().isEmpty(), report.errors().toString());
        assertEquals(2, lonely.sourceMessages());
        assertEquals(0, lonely.targetMessages());
        assertEquals(2, lonely.count(Kind.MISSING_ON_TARGET));
        assertEquals(2, report.differences());
        for (String subject : List.of("lonely one", "lonely two")) {
            long sourceUid = uid(source, from, "Lonely", subject);
            assertTrue(
                    lonely.differences().stream()
                            .anyMatch(d -> d.sourceUid() == sourceUid
                                    && d.targetUid() == 0
                                    && d.subject().equals(subject)),
                    subject + " in " + lonely);
        }
        try (RawImap client = login(target, to)) {
            assertFalse(
                    String.join("\n", client.lines("LIST \"\" \"*\"")).contains("Lonely"),
                    "verification created nothing on the target");
        }
    }

    @Test
    void deliveryHeadersPrependedOnTargetAreSkippedOnRequest() {
        String from = source.newUser();
        String to = target.newUser();
        byte[] original = message("delivered", "<delivered@verify.example>", "Hello.\r\n");
        byte[] withReceived = ("Received: from mx.example.com (mx.example.com [192.0.2.1])\r\n"
                        + "\tby imap.example.net with LMTP; Thu, 04 Mar 2021 09:15:31 +0000\r\n"
                        + new String(original, StandardCharsets.US_ASCII))
                .getBytes(StandardCharsets.US_ASCII);
        source.deliver(from, "INBOX", original, Set.of(), DATE);
        target.deliver(to, "INBOX", withReceived, Set.of(), DATE);
        // A real difference after the headers stays visible with the option.
        source.deliver(from, "INBOX", message("changed", "<changed@verify.example>", "one\r\n"), Set.of(), DATE);
        target.deliver(
                to,
                "INBOX",
                ("Return-Path: <alice@example.com>\r\n"
                                + new String(
                                        message("changed", "<changed@verify.example>", "two\r\n"),
                                        StandardCharsets.US_ASCII))
                        .getBytes(StandardCharsets.US_ASCII),
                Set.of(),
                DATE);
        SyncOptions options = VerifyFixtures.options(source, from, target, to);

        VerifyReport strict = verify(options, VerifyOptions.strict());
        VerifyReport skipping = verify(options, VerifyOptions.strict().withSkipLeadingHeaders(DELIVERY_HEADERS));

        assertEquals(2, strict.count(Kind.CONTENT_DIFFERS), strict.toString());
        assertEquals(1, skipping.count(Kind.CONTENT_DIFFERS), skipping.toString());
        assertEquals(1, skipping.differences(), skipping.toString());
        assertEquals(
                "changed",
                skipping.folders().stream()
                        .flatMap(f -> f.differences().stream())
                        .findFirst()
                        .orElseThrow()
                        .subject());
        assertEquals(1, folder(skipping, "INBOX").identical());
    }
}
