package org.imapferry.engine.verify;

import static org.imapferry.engine.verify.VerifyFixtures.DATE;
import static org.imapferry.engine.verify.VerifyFixtures.flags;
import static org.imapferry.engine.verify.VerifyFixtures.folder;
import static org.imapferry.engine.verify.VerifyFixtures.inFolder;
import static org.imapferry.engine.verify.VerifyFixtures.message;
import static org.imapferry.engine.verify.VerifyFixtures.uid;
import static org.imapferry.engine.verify.VerifyFixtures.uids;
import static org.imapferry.engine.verify.VerifyFixtures.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.verify.VerifyFixtures.Server;
import org.imapferry.engine.verify.VerifyReport.Difference;
import org.imapferry.engine.verify.VerifyReport.Kind;
import org.imapferry.protocol.types.Flag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of difference, made on purpose on a Dovecot and on a GreenMail target, is found and
 * reported with its kind, both UIDs and the subject, and nothing else is reported.
 */
@DovecotTest
class VerifierDifferencesTest {
    private static final String INBOX = "INBOX";

    @RegisterExtension
    static final DovecotExtension DOVECOT_SOURCE = DovecotExtension.plain();

    private static DovecotServer dovecotSource;

    @RegisterExtension
    static final DovecotExtension DOVECOT_TARGET = DovecotExtension.plain();

    private static DovecotServer dovecotTarget;
    private static GreenMailServer greenMailTarget;
    private static Server source;
    private static Server dovecot;
    private static Server greenMail;

    @BeforeAll
    static void startServers() {
        dovecotSource = DOVECOT_SOURCE.server();
        dovecotTarget = DOVECOT_TARGET.server();
        greenMailTarget = GreenMailServer.start();
        source = Server.of(dovecotSource).withAccounts(20);
        dovecot = Server.of(dovecotTarget).withAccounts(10);
        greenMail = Server.of(greenMailTarget).withAccounts(10);
    }

    @AfterAll
    static void stopServers() {
        if (greenMailTarget != null) {
            greenMailTarget.close();
        }
    }

    /** A source and a target account holding the same messages in INBOX (\Seen, same date). */
    private record Accounts(Server source, String sourceUser, Server target, String targetUser) {
        SyncOptions options() {
            return VerifyFixtures.options(source, sourceUser, target, targetUser);
        }

        long sourceUid(String subject) {
            return uid(source, sourceUser, INBOX, subject);
        }

        long targetUid(String subject) {
            return uid(target, targetUser, INBOX, subject);
        }
    }

    private static Accounts accounts(String targetKind, String... subjects) {
        Server target = switch (targetKind) {
            case "Dovecot" -> dovecot;
            case "GreenMail" -> greenMail;
            default -> throw new IllegalArgumentException(targetKind);
        };
        Accounts a = new Accounts(source, source.newUser(), target, target.newUser());
        for (String subject : subjects) {
            source.deliver(a.sourceUser, INBOX, message(subject), Set.of("\\Seen"), DATE);
            a.target.deliver(a.targetUser, INBOX, message(subject), Set.of("\\Seen"), DATE);
        }
        return a;
    }

    /** The report has exactly one difference, in INBOX, and the other messages are identical. */
    private static Difference onlyDifference(VerifyReport report, long identical) {
        assertTrue(report.errors().isEmpty(), report.errors().toString());
        VerifyReport.FolderResult inbox = folder(report, INBOX);
        assertEquals(1, report.differences(), report.toString());
        assertEquals(1, inbox.differences().size(), report.toString());
        assertEquals(identical, inbox.identical(), report.toString());
        assertFalse(report.clean());
        return inbox.differences().get(0);
    }

    private static void assertDifference(Difference d, Kind kind, long sourceUid, long targetUid, String subject) {
        assertEquals(kind, d.kind(), d.toString());
        assertEquals(sourceUid, d.sourceUid(), "source UID of " + d);
        assertEquals(targetUid, d.targetUid(), "target UID of " + d);
        assertEquals(subject, d.subject(), d.toString());
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void messageDeletedOnTargetIsMissing(String targetKind) {
        Accounts a = accounts(targetKind, "keep one", "gone two", "keep three");
        long gone = a.targetUid("gone two");
        inFolder(a.target, a.targetUser, INBOX, "UID STORE " + gone + " +FLAGS (\\Deleted)");
        inFolder(a.target, a.targetUser, INBOX, "EXPUNGE");
        assertTrue(uids(a.target, a.targetUser, INBOX, "gone two").isEmpty(), "the test deleted it");

        VerifyReport report = verify(a.options(), VerifyOptions.strict());

        assertDifference(onlyDifference(report, 2), Kind.MISSING_ON_TARGET, a.sourceUid("gone two"), 0, "gone two");
        assertEquals(3, folder(report, INBOX).sourceMessages());
        assertEquals(2, folder(report, INBOX).targetMessages());
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void messageAddedOnTargetIsExtra(String targetKind) {
        Accounts a = accounts(targetKind, "copied one", "copied two");
        a.target.deliver(a.targetUser, INBOX, message("only on target"), Set.of(), DATE);

        VerifyReport report = verify(a.options(), VerifyOptions.strict());

        assertDifference(
                onlyDifference(report, 2), Kind.EXTRA_ON_TARGET, 0, a.targetUid("only on target"), "only on target");
        assertEquals(3, folder(report, INBOX).targetMessages());
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void oneChangedByteIsContentDiffersNotMissingAndExtra(String targetKind) {
        Accounts a = accounts(targetKind, "intact");
        byte[] original = message("altered", "<altered@verify.example>", "The quick brown fox.\r\n");
        byte[] altered = message("altered", "<altered@verify.example>", "The quick brown fix.\r\n");
        assertEquals(original.length, altered.length);
        a.source.deliver(a.sourceUser, INBOX, original, Set.of("\\Seen"), DATE);
        a.target.deliver(a.targetUser, INBOX, altered, Set.of("\\Seen"), DATE);

        VerifyReport report = verify(a.options(), VerifyOptions.strict());

        Difference d = onlyDifference(report, 1);
        assertDifference(d, Kind.CONTENT_DIFFERS, a.sourceUid("altered"), a.targetUid("altered"), "altered");
        assertEquals(0, report.count(Kind.MISSING_ON_TARGET) + report.count(Kind.EXTRA_ON_TARGET));
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void flagChangedOnTargetDiffersUnlessIgnored(String targetKind) {
        Accounts a = accounts(targetKind, "plain", "flagged later");
        long target = a.targetUid("flagged later");
        inFolder(a.target, a.targetUser, INBOX, "UID STORE " + target + " +FLAGS (\\Flagged)");

        VerifyReport report = verify(a.options(), VerifyOptions.strict());

        Difference d = onlyDifference(report, 1);
        assertDifference(d, Kind.FLAGS_DIFFER, a.sourceUid("flagged later"), target, "flagged later");
        assertTrue(d.detail().toLowerCase(Locale.ROOT).contains("\\flagged"), d.detail());
        assertTrue(
                verify(a.options(), new VerifyOptions(false, List.of(new Flag("\\FLAGGED"))))
                        .clean(),
                "an ignored flag (any case) is not compared");
        assertFalse(
                verify(a.options(), new VerifyOptions(false, List.of(new Flag("\\Answered"))))
                        .clean(),
                "ignoring another flag does not hide the difference");
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void dateChangedOnTargetDiffersUnlessDatesAreIgnored(String targetKind) {
        Accounts a = accounts(targetKind, "same date");
        a.source.deliver(a.sourceUser, INBOX, message("moved date"), Set.of("\\Seen"), DATE);
        a.target.deliver(
                a.targetUser,
                INBOX,
                message("moved date"),
                Set.of("\\Seen"),
                DATE.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(7)));

        VerifyReport report = verify(a.options(), VerifyOptions.strict());

        Difference d = onlyDifference(report, 1);
        assertDifference(d, Kind.DATE_DIFFERS, a.sourceUid("moved date"), a.targetUid("moved date"), "moved date");
        assertTrue(d.detail().contains("05-Mar-2021 09:22:30"), d.detail());
        VerifyReport ignoring = verify(a.options(), new VerifyOptions(true, List.of()));
        assertTrue(ignoring.clean(), ignoring.toString());
        assertEquals(2, ignoring.identical());
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void verificationNeverSetsSeen(String targetKind) {
        Accounts a = accounts(targetKind);
        a.source.deliver(a.sourceUser, INBOX, message("unread plain"), Set.of(), DATE);
        a.target.deliver(a.targetUser, INBOX, message("unread plain"), Set.of(), DATE);
        a.source.deliver(a.sourceUser, INBOX, message("unread flagged"), Set.of("\\Flagged"), DATE);
        a.target.deliver(a.targetUser, INBOX, message("unread flagged"), Set.of("\\Flagged"), DATE);

        VerifyReport report = verify(a.options(), VerifyOptions.strict());
        assertTrue(report.clean(), report.toString());
        assertEquals(2, report.identical(), "both messages were read and compared");

        for (String subject : List.of("unread plain", "unread flagged")) {
            String source = flags(a.source, a.sourceUser, INBOX, a.sourceUid(subject));
            String target = flags(a.target, a.targetUser, INBOX, a.targetUid(subject));
            assertFalse(source.contains("\\Seen"), "source " + subject + ": " + source);
            assertFalse(target.contains("\\Seen"), "target " + subject + ": " + target);
        }
        assertTrue(flags(a.source, a.sourceUser, INBOX, a.sourceUid("unread flagged"))
                .contains("\\Flagged"));
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void twoIdenticalSourceMessagesAndOneOnTargetIsOneMissing(String targetKind) {
        Accounts a = accounts(targetKind);
        byte[] twin = message("twin");
        a.source.deliver(a.sourceUser, INBOX, twin, Set.of("\\Seen"), DATE);
        a.source.deliver(a.sourceUser, INBOX, twin, Set.of("\\Seen"), DATE);
        a.target.deliver(a.targetUser, INBOX, twin, Set.of("\\Seen"), DATE);
        List<Long> sourceUids = uids(a.source, a.sourceUser, INBOX, "twin");
        assertEquals(2, sourceUids.size());

        VerifyReport report = verify(a.options(), VerifyOptions.strict());

        Difference d = onlyDifference(report, 1);
        assertEquals(Kind.MISSING_ON_TARGET, d.kind(), d.toString());
        assertTrue(sourceUids.contains(d.sourceUid()), d + " names one of " + sourceUids);
        assertEquals("twin", d.subject());
    }

    @ParameterizedTest(name = "{0} target")
    @ValueSource(strings = {"Dovecot", "GreenMail"})
    void longSubjectsAreTruncatedInTheReport(String targetKind) {
        Accounts a = accounts(targetKind);
        String subject = "long " + "x".repeat(100);
        a.source.deliver(a.sourceUser, INBOX, message(subject), Set.of(), DATE);

        Difference d = onlyDifference(verify(a.options(), VerifyOptions.strict()), 0);

        assertEquals(Kind.MISSING_ON_TARGET, d.kind());
        assertTrue(d.subject().length() <= 60 && subject.startsWith(d.subject().replace("...", "")), d.subject());
        assertEquals(new String(message(subject), StandardCharsets.US_ASCII).length() + " bytes", d.detail());
    }
}
