package org.imapferry.engine.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.SyncReport.AccountSize;
import org.imapferry.engine.SyncReport.FolderReport;
import org.imapferry.engine.SyncReport.PlannedFolder;
import org.imapferry.engine.SyncReport.SyncError;

/**
 * The report of a whole watch, one pass at a time: what every pass copied, added up per folder,
 * and for everything else the last pass that read it. A folder's errors are those of the last
 * pass that read it, account-level errors those of the last pass: an error a later pass mended
 * (a lost connection, say) does not make a target that is in step look broken. Pure functions;
 * the merged report keeps one line per folder, so it does not grow with the watch's length.
 */
final class ReportMerge {
    private ReportMerge() {}

    static SyncReport merge(SyncReport so, SyncReport pass) {
        Map<String, FolderReport> folders = new LinkedHashMap<>();
        so.folders().forEach(f -> folders.put(f.source(), f));
        Set<String> read = new LinkedHashSet<>();
        for (FolderReport f : pass.folders()) {
            FolderReport before = folders.get(f.source());
            if (f.skippedUnchanged() && before != null) {
                continue;
            }
            read.add(f.source());
            folders.put(f.source(), before == null ? f : added(before, f));
        }
        // A set: a sweep names again what the run already knew (a --folder host1 lacks, say).
        Set<SyncError> errors = new LinkedHashSet<>();
        so.errors().stream()
                .filter(e -> e.folder() != null && !read.contains(e.folder()))
                .forEach(errors::add);
        errors.addAll(pass.errors());
        Map<String, PlannedFolder> plan = new LinkedHashMap<>();
        so.plan().forEach(p -> plan.put(p.source(), p));
        pass.plan().forEach(p -> plan.put(p.source(), p));
        Set<String> removed = new LinkedHashSet<>(so.removedFolders());
        removed.addAll(pass.removedFolders());
        List<FolderReport> sorted = new ArrayList<>(folders.values());
        sorted.sort((a, b) -> a.source().compareTo(b.source()));
        List<PlannedFolder> planned = List.copyOf(plan.values());
        return new SyncReport(
                so.started(),
                pass.finished(),
                List.copyOf(sorted),
                List.copyOf(errors),
                total(planned, true),
                so.targetSizeBefore(),
                total(planned, false),
                so.connectionsUsed() + pass.connectionsUsed(),
                new SyncReport.Reconnections(
                        so.reconnections().host1() + pass.reconnections().host1(),
                        so.reconnections().host2() + pass.reconnections().host2()),
                so.messagesWithoutMessageId() + pass.messagesWithoutMessageId(),
                so.aborted() || pass.aborted(),
                pass.stopped(),
                so.mode(),
                planned,
                List.copyOf(removed));
    }

    /**
     * The merged report as the watch ends: it ends then, not with the last pass, so the statistics'
     * transfer time and rates are those of the whole watch.
     *
     * @param ended         when the watch ended
     * @param pending       changes were heard of that no pass relayed: the run did not finish its work
     * @param reconnections the watching session's reconnections to the source
     * @param more          errors of the watch itself
     */
    static SyncReport ended(SyncReport r, Instant ended, boolean pending, int reconnections, List<SyncError> more) {
        List<SyncError> errors = new ArrayList<>(r.errors());
        errors.addAll(more);
        Instant finished = r.finished() == null || ended.isAfter(r.finished()) ? ended : r.finished();
        return new SyncReport(
                r.started(),
                finished,
                r.folders(),
                List.copyOf(errors),
                r.sourceSize(),
                r.targetSizeBefore(),
                r.targetSizeAfter(),
                r.connectionsUsed(),
                new SyncReport.Reconnections(
                        r.reconnections().host1() + reconnections,
                        r.reconnections().host2()),
                r.messagesWithoutMessageId(),
                r.aborted(),
                r.stopped() || pending,
                r.mode(),
                r.plan(),
                r.removedFolders());
    }

    /** This pass's line for a folder, with what the earlier passes copied, flagged and deleted in it. */
    private static FolderReport added(FolderReport before, FolderReport now) {
        return new FolderReport(
                now.source(),
                now.target(),
                now.found(),
                now.bytesFound(),
                before.copied() + now.copied(),
                before.bytesCopied() + now.bytesCopied(),
                now.skipped(),
                before.flagsUpdated() + now.flagsUpdated(),
                before.deletedOnTarget() + now.deletedOnTarget(),
                now.failed(),
                before.created() || now.created(),
                took(before, now),
                now.notes(),
                now.planned(),
                false,
                now.stopped());
    }

    private static Duration took(FolderReport before, FolderReport now) {
        Duration earlier = before.took() == null ? Duration.ZERO : before.took();
        return now.took() == null ? earlier : earlier.plus(now.took());
    }

    /** An account's size as the last pass to read each folder found it; unknown if any part is. */
    private static AccountSize total(List<PlannedFolder> plan, boolean source) {
        long messages = 0;
        long bytes = 0;
        for (PlannedFolder p : plan) {
            SyncReport.FolderSize size = source ? p.sourceSize() : p.targetSize();
            if (size.messages() < 0) {
                return AccountSize.UNKNOWN;
            }
            messages += size.messages();
            bytes = bytes < 0 || size.bytes() < 0 ? -1 : bytes + size.bytes();
        }
        return new AccountSize(messages, bytes, plan.size());
    }
}
