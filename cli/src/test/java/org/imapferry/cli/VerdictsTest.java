package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.SyncReport.AccountSize;
import org.imapferry.engine.SyncReport.FolderReport;
import org.imapferry.engine.SyncReport.FolderSize;
import org.imapferry.engine.SyncReport.Kind;
import org.imapferry.engine.SyncReport.Mode;
import org.imapferry.engine.SyncReport.PlannedFolder;
import org.imapferry.engine.SyncReport.SyncError;
import org.imapferry.engine.SyncReport.TargetFolder;
import org.junit.jupiter.api.Test;

/** Each verdict line says only what the run read: modes, skipped and stopped folders, dry runs, figures. */
class VerdictsTest {
    private static final Instant T0 = Instant.parse("2025-07-17T10:00:00Z");
    private static final List<String> SYNC_VERDICTS =
            List.of("The sync is", "looks good", "unidentified", "is strict", "identified messages");

    private static SyncReport report(
            Mode mode,
            List<FolderReport> folders,
            List<PlannedFolder> plan,
            List<SyncError> errors,
            List<String> removed) {
        AccountSize source = new AccountSize(
                plan.stream()
                        .mapToLong(p -> Math.max(0, p.sourceSize().messages()))
                        .sum(),
                -1,
                plan.size());
        AccountSize target = new AccountSize(
                plan.stream()
                        .mapToLong(p -> Math.max(0, p.targetSize().messages()))
                        .sum(),
                -1,
                plan.size());
        return new SyncReport(
                T0,
                T0.plusSeconds(4),
                folders,
                errors,
                source,
                target,
                target,
                1,
                SyncReport.Reconnections.NONE,
                0,
                false,
                false,
                mode,
                plan,
                removed);
    }

    private static PlannedFolder planned(
            String source, String target, TargetFolder state, long sourceMessages, long targetMessages) {
        return new PlannedFolder(
                source,
                target,
                List.of(),
                state,
                new FolderSize(sourceMessages, sourceMessages * 100),
                new FolderSize(targetMessages, targetMessages * 100));
    }

    private static FolderReport read(String source, long found, long copied, long failed) {
        return new FolderReport(
                source,
                source,
                found,
                found * 100,
                copied,
                copied * 100,
                found - copied - failed,
                0,
                0,
                failed,
                false,
                Duration.ofSeconds(1),
                List.of());
    }

    private static FolderReport stopped(String source, long messages) {
        return new FolderReport(
                source,
                source,
                messages,
                messages * 100,
                0,
                0,
                0,
                0,
                0,
                messages,
                false,
                Duration.ZERO,
                List.of("stopped: NO [SERVERBUG] cannot open"),
                SyncReport.Planned.NONE,
                false,
                true);
    }

    private static FolderReport unchanged(String source, long messages) {
        return new FolderReport(
                source,
                source,
                messages,
                messages * 100,
                0,
                0,
                messages,
                0,
                0,
                0,
                false,
                Duration.ZERO,
                List.of("unchanged since the last run"),
                SyncReport.Planned.NONE,
                true,
                false);
    }

    private static String print(SyncReport r, ProcessFacts facts) {
        return new StatisticsPrinter(ZoneOffset.UTC).print(r, new StatisticsPrinter.Context(50, 0, facts));
    }

    private static String print(SyncReport r) {
        return print(r, new ProcessFacts(20, 40, 64, 0.5, 2, 1.0, 4.0));
    }

    private static void assertNoSyncVerdict(String printed) {
        for (String verdict : SYNC_VERDICTS) {
            assertFalse(printed.contains(verdict), "'" + verdict + "' in:\n" + printed);
        }
    }

    @Test
    void justConnectAndJustLoginSayOnlyThat() {
        String connect = print(report(Mode.JUST_CONNECT, List.of(), List.of(), List.of(), List.of()));
        assertNoSyncVerdict(connect);
        assertTrue(connect.contains("--justconnect: connected to both servers, nothing else was done."), connect);
        String login = print(report(Mode.JUST_LOGIN, List.of(), List.of(), List.of(), List.of()));
        assertNoSyncVerdict(login);
        assertTrue(login.contains("--justlogin: both logins succeeded; nothing read."), login);
    }

    @Test
    void justFoldersListsEachMappingAndWhatBecameOfIt() {
        List<PlannedFolder> plan = List.of(
                planned("INBOX", "INBOX", TargetFolder.EXISTED, 3, 0),
                new PlannedFolder(
                        "Sent",
                        "Sent Items",
                        List.of("regextrans2: Sent -> Sent Items"),
                        TargetFolder.CREATED,
                        new FolderSize(2, 200),
                        new FolderSize(0, 0)),
                planned("Old", "Old", TargetFolder.NOT_CREATED, 1, -1));
        String s = print(report(
                Mode.JUST_FOLDERS,
                List.of(),
                plan,
                List.of(new SyncError(Kind.FOLDER_CREATE, "Old", 0, "cannot create Old: NO")),
                List.of()));
        assertNoSyncVerdict(s);
        assertTrue(s.contains("regextrans2: Sent -> Sent Items\n"), s);
        assertTrue(
                Pattern.compile("\\[INBOX] +-> \\[INBOX] +exists on host2\n")
                        .matcher(s)
                        .find(),
                s);
        assertTrue(
                Pattern.compile("\\[Sent] +-> \\[Sent Items] +created on host2\n")
                        .matcher(s)
                        .find(),
                s);
        assertTrue(
                Pattern.compile("\\[Old] +-> \\[Old] +could not be created on host2\n")
                        .matcher(s)
                        .find(),
                s);
        assertTrue(s.contains("--justfolders: 1 folders created on host2; no message was read or copied."), s);
        assertTrue(s.contains("Err 1/1: FOLDER_CREATE folder Old"), s);
        assertTrue(
                s.contains("--justfolders: folders only, no message was compared or copied, and there were errors"), s);
    }

    @Test
    void justFolderSizesPrintsBothSidesAndTotals() {
        List<PlannedFolder> plan = List.of(
                planned("INBOX", "INBOX", TargetFolder.EXISTED, 3, 1),
                planned("Sent", "Sent", TargetFolder.WOULD_CREATE, 2, -1));
        String s = print(report(Mode.JUST_FOLDER_SIZES, List.of(), plan, List.of(), List.of()));
        assertNoSyncVerdict(s);
        assertTrue(
                Pattern.compile("Host1 folder +1/2 \\[INBOX] +Size: +300 Messages: +3\n")
                        .matcher(s)
                        .find(),
                s);
        assertTrue(
                Pattern.compile("Host1 folder +2/2 \\[Sent] +Size: +200 Messages: +2\n")
                        .matcher(s)
                        .find(),
                s);
        assertTrue(
                Pattern.compile("Host2 folder +1/2 \\[INBOX] +Size: +100 Messages: +1\n")
                        .matcher(s)
                        .find(),
                s);
        assertTrue(s.contains("Host2 folder    2/2 [Sent] does not exist\n"), s);
        assertTrue(
                Pattern.compile("Host1 Nb messages: +5 messages\n").matcher(s).find(), s);
        assertTrue(
                Pattern.compile("Host1 Total size: +500 bytes \\(0.488 KiB\\)\n")
                        .matcher(s)
                        .find(),
                s);
        assertTrue(
                Pattern.compile("Host2 Nb messages: +1 messages\n").matcher(s).find(), s);
        assertTrue(s.contains("--justfoldersizes: folder sizes only, nothing was compared, created or copied."), s);
    }

    @Test
    void aFailedLoginPrintsTheErrorFirstAndNoCounts() {
        SyncReport r = new SyncReport(
                T0,
                T0.plusSeconds(1),
                List.of(),
                List.of(new SyncError(
                        Kind.AUTHENTICATION_SOURCE, null, 0, "NO [AUTHENTICATIONFAILED] Authentication failed.")),
                AccountSize.UNKNOWN,
                AccountSize.UNKNOWN,
                AccountSize.UNKNOWN,
                0,
                SyncReport.Reconnections.NONE,
                0,
                true,
                false,
                Mode.COPY,
                List.of(),
                List.of());
        String s = print(r);
        assertTrue(s.indexOf("Err 1/1: AUTHENTICATION_SOURCE") < s.indexOf("++++ Statistics"), s);
        assertTrue(s.startsWith("\n++++ Listing 1 errors"), s);
        assertNoSyncVerdict(s.replace("The sync is NOT complete", ""));
        assertFalse(s.contains("Messages found"), s);
        assertTrue(s.contains("The sync is NOT complete: it was stopped (authentication failed for user1)."), s);
    }

    @Test
    void theFinalCheckCountsOnlyFoldersReadOnBothSides() {
        // Archive and Old could not be read; their messages are on host2 from an earlier run. They are
        // neither "in host2 not in host1" nor missing: they were not compared at all.
        List<PlannedFolder> plan = List.of(
                planned("INBOX", "INBOX", TargetFolder.EXISTED, 5, 5),
                planned("Archive", "Archive", TargetFolder.EXISTED, 30, 30),
                planned("Old", "Old", TargetFolder.EXISTED, 19, 19));
        List<FolderReport> folders = List.of(read("INBOX", 5, 2, 0), stopped("Archive", 30), stopped("Old", 19));
        String s = print(report(
                Mode.COPY,
                folders,
                plan,
                List.of(
                        new SyncError(Kind.FOLDER_NOT_FOUND, "Archive", 0, "NO"),
                        new SyncError(Kind.FOLDER_NOT_FOUND, "Old", 0, "NO")),
                List.of()));
        assertTrue(s.contains("Messages found in host1 not in host2    : 0 messages\n"), s);
        assertTrue(s.contains("Messages found in host2 not in host1    : 0 messages\n"), s);
        assertTrue(s.contains("Differences found by the final check    : 0\n"), s);
        assertTrue(s.contains("2 folders could not be checked (not read on both sides): Archive, Old\n"), s);
        assertTrue(s.contains("The sync is strict, all 5 identified messages in host2 are on host1."), s);
        assertFalse(s.contains("looks good"), s);
    }

    @Test
    void extraMessagesInAReadFolderAreCounted() {
        List<PlannedFolder> plan = List.of(planned("INBOX", "INBOX", TargetFolder.EXISTED, 5, 7));
        String s = print(report(Mode.COPY, List.of(read("INBOX", 5, 5, 0)), plan, List.of(), List.of()));
        assertTrue(s.contains("Messages found in host2 not in host1    : 2 messages\n"), s);
        assertTrue(s.contains("The sync is not strict, there are 2 among 7 identified messages in host2"), s);
    }

    @Test
    void foldersSkippedAsUnchangedAreNamedNotCounted() {
        List<PlannedFolder> plan = List.of(
                planned("INBOX", "INBOX", TargetFolder.EXISTED, 5, 5),
                planned("Sent", "Sent", TargetFolder.EXISTED, 40, 40));
        String s = print(
                report(Mode.COPY, List.of(read("INBOX", 5, 1, 0), unchanged("Sent", 40)), plan, List.of(), List.of()));
        assertTrue(s.contains("1 folders skipped as unchanged since the last run (not read): Sent\n"), s);
        assertTrue(s.contains("The sync looks good, all 5 identified messages in host1 are on host2."), s);
        assertTrue(s.contains("The sync is strict, all 5 identified messages in host2 are on host1."), s);
        assertTrue(
                s.endsWith("The sync is complete: every selected message of host1 in the folders read is on"
                        + " host2, and 1 folders are as the run that completed them left them on both sides.\n"),
                s);
    }

    @Test
    void aRunThatReadNoFolderClaimsNothingOfTheirMessages() {
        List<PlannedFolder> plan = List.of(
                planned("INBOX", "INBOX", TargetFolder.EXISTED, 5, 5),
                planned("Sent", "Sent", TargetFolder.EXISTED, 40, 40));
        String s = print(
                report(Mode.COPY, List.of(unchanged("INBOX", 5), unchanged("Sent", 40)), plan, List.of(), List.of()));
        assertTrue(s.contains("2 folders skipped as unchanged since the last run (not read): INBOX, Sent\n"), s);
        assertTrue(s.contains("No message was compared: every folder is as the last run left it.\n"), s);
        assertNoSyncVerdict(s.replace("The sync is complete: no folder changed", ""));
        assertTrue(s.endsWith("The sync is complete: no folder changed on either side since the last run.\n"), s);
        // Nothing compared, nothing found: the counts of the comparison are not 0 but not known.
        assertTrue(s.contains("Messages found in host1 not in host2    : NA messages\n"), s);
        assertTrue(s.contains("Messages found in host2 not in host1    : NA messages\n"), s);
        assertTrue(s.contains("Differences found by the final check    : NA\n"), s);
    }

    @Test
    void aDryRunPreviewsWhatARealRunWouldDoAndCopiesNothing() {
        List<PlannedFolder> plan = List.of(
                planned("INBOX", "INBOX", TargetFolder.EXISTED, 5, 2),
                new PlannedFolder(
                        "Sent",
                        "Sent Items",
                        List.of("regextrans2: Sent -> Sent Items"),
                        TargetFolder.WOULD_CREATE,
                        new FolderSize(4, 400),
                        FolderSize.UNKNOWN));
        // A dry run copies nothing: what it would do is the folder's plan.
        FolderReport inbox = new FolderReport(
                "INBOX",
                "INBOX",
                5,
                500,
                0,
                0,
                2,
                0,
                0,
                0,
                false,
                Duration.ZERO,
                List.of(),
                new SyncReport.Planned(3, 300, 1, 1, List.of(17L)));
        FolderReport sent = new FolderReport(
                "Sent",
                "Sent Items",
                4,
                400,
                0,
                0,
                0,
                0,
                0,
                0,
                true,
                Duration.ZERO,
                List.of(),
                new SyncReport.Planned(4, 400, 0, 0));
        FolderReport idle =
                new FolderReport("Archive", "Archive", 9, 900, 0, 0, 9, 0, 0, 0, false, Duration.ZERO, List.of());
        String s = print(report(Mode.DRY_RUN, List.of(idle, inbox, sent), plan, List.of(), List.of("Old", "Old/Sub")));
        assertTrue(s.contains("Would create folder [Sent Items] on host2 for [Sent]\n"), s);
        assertTrue(
                s.contains("Folder [INBOX] -> [INBOX]: would copy 3 messages, change the flags of 1, delete 1"
                        + " on host2 (UID 17)\n"),
                s);
        assertTrue(s.contains("Folder [Sent] -> [Sent Items]: would copy 4 messages"), s);
        assertTrue(s.contains("1 other folders read: nothing to copy, flag or delete\n"), s);
        assertFalse(s.contains("Folder [Archive]"), s);
        assertTrue(s.contains("Would delete folder [Old] on host2 (--delete2folders)\n"), s);
        assertTrue(s.contains("Would delete folder [Old/Sub] on host2 (--delete2folders)\n"), s);
        assertTrue(s.contains("Messages transferred                    : 0 (could be 7 without dry mode)\n"), s);
        assertTrue(s.contains("Folders synced                          : 0/3 synced (dry run)\n"), s);
        assertFalse(Pattern.compile("\\d+ copied").matcher(s).find(), s);
        // The deletion the plan shows is counted where a real run's would be, and in the verdict.
        assertTrue(s.contains("Messages deleted on host2               : 0 (could be 1 without dry mode)\n"), s);
        assertTrue(
                s.endsWith("Dry run: nothing was changed. A real run would copy 7 messages and delete 1 on host2.\n"),
                s);
    }

    @Test
    void aPreviewNamesTheFirstDeletionsAndCountsTheRest() {
        List<Long> first = LongStream.rangeClosed(101, 100 + SyncReport.Planned.NAMED)
                .boxed()
                .toList();
        FolderReport inbox = new FolderReport(
                "INBOX",
                "INBOX",
                5,
                500,
                0,
                0,
                5,
                0,
                0,
                0,
                false,
                Duration.ZERO,
                List.of(),
                new SyncReport.Planned(0, 0, 0, 25, first));
        String s = print(report(
                Mode.DRY_RUN,
                List.of(inbox),
                List.of(planned("INBOX", "INBOX", TargetFolder.EXISTED, 5, 30)),
                List.of(),
                List.of()));
        assertTrue(
                s.contains("delete 25 on host2 (UID 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112,"
                        + " 113, 114, 115, 116, 117, 118, 119, 120, and 5 more)\n"),
                s);
    }

    @Test
    void messagesWithoutMessageIdAreTheReportsCount() {
        SyncReport r = report(
                Mode.COPY,
                List.of(read("INBOX", 3, 3, 0)),
                List.of(planned("INBOX", "INBOX", TargetFolder.EXISTED, 3, 3)),
                List.of(),
                List.of());
        SyncReport withTwo = new SyncReport(
                r.started(),
                r.finished(),
                r.folders(),
                r.errors(),
                r.sourceSize(),
                r.targetSizeBefore(),
                r.targetSizeAfter(),
                1,
                r.reconnections(),
                2,
                false,
                false,
                Mode.COPY,
                r.plan(),
                List.of());
        assertTrue(print(withTwo).contains("Messages copied without a Message-ID    : 2\n"));
    }

    @Test
    void dryProgressLinesSayWouldBeCopied() {
        StringWriter out = new StringWriter();
        ProgressView view = new ProgressView(new PrintWriter(out), false, true, Duration.ofSeconds(5), () -> 0L);
        view.folderStarted("INBOX", "INBOX", 3, 300);
        // As the engine reports a dry run: nothing copied, the plan's count to copy.
        view.folderFinished(new FolderReport(
                "INBOX",
                "INBOX",
                5,
                500,
                0,
                0,
                2,
                0,
                0,
                0,
                false,
                Duration.ofSeconds(1),
                List.of(),
                new SyncReport.Planned(3, 300, 0, 0)));
        view.close();
        assertFalse(Pattern.compile("\\d+ copied").matcher(out.toString()).find(), out.toString());
        assertTrue(
                out.toString().contains("Folder INBOX -> INBOX: 3 would be copied, 2 skipped, 0 not copied of 5"),
                out.toString());
    }
}
