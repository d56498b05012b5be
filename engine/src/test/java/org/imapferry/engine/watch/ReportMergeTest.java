package org.imapferry.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.SyncReport.AccountSize;
import org.imapferry.engine.SyncReport.FolderReport;
import org.imapferry.engine.SyncReport.FolderSize;
import org.imapferry.engine.SyncReport.Kind;
import org.imapferry.engine.SyncReport.PlannedFolder;
import org.imapferry.engine.SyncReport.SyncError;
import org.imapferry.engine.SyncReport.TargetFolder;
import org.junit.jupiter.api.Test;

class ReportMergeTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private static FolderReport read(String folder, long found, long copied, long flags) {
        return new FolderReport(
                folder,
                folder,
                found,
                found * 100,
                copied,
                copied * 100,
                found - copied,
                flags,
                0,
                0,
                false,
                Duration.ofSeconds(1),
                List.of());
    }

    private static FolderReport unchanged(String folder, long found) {
        return new FolderReport(
                folder,
                folder,
                found,
                0,
                0,
                0,
                found,
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

    private static PlannedFolder plan(String folder, long source, long target) {
        return new PlannedFolder(
                folder,
                folder,
                List.of(),
                TargetFolder.EXISTED,
                new FolderSize(source, source * 100),
                new FolderSize(target, target * 100));
    }

    private static SyncReport report(
            int second, List<FolderReport> folders, List<SyncError> errors, List<PlannedFolder> plan, boolean stopped) {
        return new SyncReport(
                T0.plusSeconds(second),
                T0.plusSeconds(second + 1),
                folders,
                errors,
                new AccountSize(-1, -1, -1),
                new AccountSize(0, 0, 2),
                new AccountSize(-1, -1, -1),
                2,
                SyncReport.Reconnections.NONE,
                0,
                false,
                stopped,
                SyncReport.Mode.COPY,
                plan,
                List.of());
    }

    @Test
    void passesAddWhatTheyCopiedAndTheLatestReadOfEachFolderWins() {
        SyncReport first = report(
                0,
                List.of(read("INBOX", 10, 10, 0), read("Work", 2, 2, 0)),
                List.of(new SyncError(Kind.APPEND, "Work", 4, "refused")),
                List.of(plan("INBOX", 10, 10), plan("Work", 2, 2)),
                false);
        SyncReport pass = report(5, List.of(read("Work", 3, 1, 1)), List.of(), List.of(plan("Work", 3, 3)), false);
        SyncReport sweep = report(
                9,
                List.of(unchanged("INBOX", 10), unchanged("Work", 3)),
                List.of(new SyncError(Kind.CONNECTION_SOURCE, null, 0, "lost")),
                List.of(plan("INBOX", 10, 10), plan("Work", 3, 3)),
                false);

        SyncReport merged = ReportMerge.merge(ReportMerge.merge(first, pass), sweep);
        assertEquals(13, merged.copied());
        assertEquals(1, merged.flagsUpdated());
        FolderReport work = merged.folders().stream()
                .filter(f -> f.source().equals("Work"))
                .findFirst()
                .get();
        assertEquals(3, work.found());
        assertEquals(Duration.ofSeconds(2), work.took());
        assertFalse(work.skippedUnchanged(), "a sweep that skipped it does not hide what the passes did");
        assertEquals(
                List.of(new SyncError(Kind.CONNECTION_SOURCE, null, 0, "lost")),
                merged.errors(),
                "Work's error was mended by the pass that read it again");
        assertEquals(new AccountSize(13, 1300, 2), merged.sourceSize());
        assertEquals(new AccountSize(13, 1300, 2), merged.targetSizeAfter());
        assertEquals(T0, merged.started());
        assertEquals(T0.plusSeconds(10), merged.finished());
        assertEquals(6, merged.connectionsUsed());

        SyncReport quiet =
                report(12, List.of(unchanged("INBOX", 10)), List.of(), List.of(plan("INBOX", 10, 10)), false);
        assertTrue(ReportMerge.merge(merged, quiet).errors().isEmpty(), "account-level errors are the last pass's");

        SyncError missing = new SyncError(Kind.FOLDER_NOT_FOUND, "Lost", 0, "folder Lost does not exist");
        SyncReport named = report(20, List.of(), List.of(missing), List.of(), false);
        assertEquals(
                List.of(missing),
                ReportMerge.merge(ReportMerge.merge(quiet, named), named).errors(),
                "every sweep names it again: it counts once");
    }

    @Test
    void aWatchEndsNotInStepWhenChangesWereLeftOrAPassWasStopped() {
        SyncReport first = report(0, List.of(read("INBOX", 1, 1, 0)), List.of(), List.of(plan("INBOX", 1, 1)), false);
        Instant stop = first.finished().plusSeconds(3600);
        SyncReport inStep = ReportMerge.ended(first, stop, false, 0, List.of());
        assertTrue(inStep.complete());
        assertEquals(stop, inStep.finished(), "the run lasted until the watch's end, not its last pass's");
        SyncReport pending = ReportMerge.ended(first, stop, true, 2, List.of());
        assertTrue(pending.stopped());
        assertEquals(2, pending.reconnections().host1());
        SyncReport stopped = report(3, List.of(read("INBOX", 2, 0, 0)), List.of(), List.of(plan("INBOX", 2, 1)), true);
        assertTrue(ReportMerge.merge(first, stopped).stopped());
        assertFalse(ReportMerge.ended(
                        first, stop, false, 0, List.of(new SyncError(Kind.CONNECTION_SOURCE, null, 0, "gone")))
                .complete());
    }
}
