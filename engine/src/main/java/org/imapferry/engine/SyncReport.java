package org.imapferry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run did: per folder and in total. Everything a statistics block, a JSON report or an
 * exit code needs.
 *
 * @param aborted        stopped by the run itself (--errorsmax)
 * @param stopped        stopped on request ({@link StopSignal}: a signal), before it could finish
 * @param plan           every selected folder pair, with what the run read of its size on both sides
 * @param removedFolders target folders --delete2folders removed (in a dry run: would remove)
 */
public record SyncReport(
        Instant started,
        Instant finished,
        List<FolderReport> folders,
        List<SyncError> errors,
        AccountSize sourceSize,
        AccountSize targetSizeBefore,
        AccountSize targetSizeAfter,
        int connectionsUsed,
        Reconnections reconnections,
        long messagesWithoutMessageId,
        boolean aborted,
        boolean stopped,
        Mode mode,
        List<PlannedFolder> plan,
        List<String> removedFolders) {

    /** What the run set out to do: the verdicts a report may state depend on it. */
    public enum Mode {
        COPY,
        DRY_RUN,
        JUST_CONNECT,
        JUST_LOGIN,
        JUST_FOLDERS,
        JUST_FOLDER_SIZES;

        /** Whether messages were (or, dry, would have been) compared and copied. */
        public boolean comparesMessages() {
            return this == COPY || this == DRY_RUN;
        }
    }

    /** The target folder of a pair: there already, created by this run, or not. */
    public enum TargetFolder {
        EXISTED,
        CREATED,
        WOULD_CREATE,
        NOT_CREATED
    }

    /** Messages and bytes of one folder as STATUS said; -1 when not read. */
    public record FolderSize(long messages, long bytes) {
        public static final FolderSize UNKNOWN = new FolderSize(-1, -1);
    }

    /**
     * One folder pair as planned.
     *
     * @param mapping    the rules that named the target ("regextrans2: Sent -> Sent Items"), empty when none did
     * @param targetSize the target folder's size at the end of the run (at the start when nothing was copied)
     */
    public record PlannedFolder(
            String source,
            String target,
            List<String> mapping,
            TargetFolder targetFolder,
            FolderSize sourceSize,
            FolderSize targetSize) {}

    /** Sessions opened again after a lost connection, per side (imapsync's "Reconnections to host1/2"). */
    public record Reconnections(int host1, int host2) {
        public static final Reconnections NONE = new Reconnections(0, 0);
    }

    /** The messages and bytes of an account, over the selected folders; -1 when unknown. */
    public record AccountSize(long messages, long bytes, int folders) {
        public static final AccountSize UNKNOWN = new AccountSize(-1, -1, -1);
    }

    /**
     * What a folder's plan asked for: in a dry run the whole preview, since nothing is done.
     *
     * @param bytes the bytes of the messages to copy
     */
    public record Planned(long copy, long bytes, long flagUpdates, long deletions, List<Long> firstDeletions) {
        public static final Planned NONE = new Planned(0, 0, 0, 0);
        /** How many of the deletions a preview names by their host2 UID. */
        public static final int NAMED = 20;

        public Planned(long copy, long bytes, long flagUpdates, long deletions) {
            this(copy, bytes, flagUpdates, deletions, List.of());
        }
    }

    /**
     * One source folder and its target.
     *
     * @param planned          what the folder's plan asked for; {@link Planned#NONE} when it was not planned
     * @param skippedUnchanged not read this run: its STATUS on both sides was what the last run left
     * @param stopped          not (completely) read: the folder failed as a whole
     * @param deletedOnSource  removed from the source by --delete1 after their copy was confirmed
     */
    public record FolderReport(
            String source,
            String target,
            long found,
            long bytesFound,
            long copied,
            long bytesCopied,
            long skipped,
            long flagsUpdated,
            long deletedOnTarget,
            long failed,
            boolean created,
            Duration took,
            List<String> notes,
            Planned planned,
            boolean skippedUnchanged,
            boolean stopped,
            long deletedOnSource) {
        /** A folder whose source nothing was removed from. */
        public FolderReport(
                String source,
                String target,
                long found,
                long bytesFound,
                long copied,
                long bytesCopied,
                long skipped,
                long flagsUpdated,
                long deletedOnTarget,
                long failed,
                boolean created,
                Duration took,
                List<String> notes,
                Planned planned,
                boolean skippedUnchanged,
                boolean stopped) {
            this(
                    source,
                    target,
                    found,
                    bytesFound,
                    copied,
                    bytesCopied,
                    skipped,
                    flagsUpdated,
                    deletedOnTarget,
                    failed,
                    created,
                    took,
                    notes,
                    planned,
                    skippedUnchanged,
                    stopped,
                    0);
        }

        /** A folder that was read on both sides and planned. */
        public FolderReport(
                String source,
                String target,
                long found,
                long bytesFound,
                long copied,
                long bytesCopied,
                long skipped,
                long flagsUpdated,
                long deletedOnTarget,
                long failed,
                boolean created,
                Duration took,
                List<String> notes,
                Planned planned) {
            this(
                    source,
                    target,
                    found,
                    bytesFound,
                    copied,
                    bytesCopied,
                    skipped,
                    flagsUpdated,
                    deletedOnTarget,
                    failed,
                    created,
                    took,
                    notes,
                    planned,
                    false,
                    false);
        }

        /** A folder that was read on both sides, with no plan to show. */
        public FolderReport(
                String source,
                String target,
                long found,
                long bytesFound,
                long copied,
                long bytesCopied,
                long skipped,
                long flagsUpdated,
                long deletedOnTarget,
                long failed,
                boolean created,
                Duration took,
                List<String> notes) {
            this(
                    source,
                    target,
                    found,
                    bytesFound,
                    copied,
                    bytesCopied,
                    skipped,
                    flagsUpdated,
                    deletedOnTarget,
                    failed,
                    created,
                    took,
                    notes,
                    Planned.NONE);
        }

        /**
         * This attempt's report with what an earlier attempt, stopped by a lost connection,
         * copied: this attempt found those messages on the target and counted them as skipped.
         */
        public FolderReport withEarlierAttempt(long earlierCopied, long earlierBytes) {
            List<String> more = new ArrayList<>(notes);
            more.add("copied in more than one attempt: connections were lost before, after " + earlierCopied
                    + " message(s) had been copied");
            return new FolderReport(
                    source,
                    target,
                    found,
                    bytesFound,
                    copied + earlierCopied,
                    bytesCopied + earlierBytes,
                    Math.max(0, skipped - earlierCopied),
                    flagsUpdated,
                    deletedOnTarget,
                    failed,
                    created,
                    took,
                    List.copyOf(more),
                    planned,
                    skippedUnchanged,
                    stopped,
                    deletedOnSource);
        }
    }

    /**
     * An error, classified the way imapsync's exit code is.
     *
     * @param folder the source folder, or null for account-level errors
     * @param uid    the source UID, or 0
     */
    public record SyncError(Kind kind, String folder, long uid, String message) {}

    /** Error classes (imapsync's ERR_* types). */
    public enum Kind {
        CONNECTION_SOURCE,
        CONNECTION_TARGET,
        AUTHENTICATION_SOURCE,
        AUTHENTICATION_TARGET,
        TLS,
        FOLDER_NOT_FOUND,
        FOLDER_CREATE,
        FOLDER_DELETE,
        APPEND,
        OVER_QUOTA,
        TOO_BIG,
        FLAGS,
        EXPUNGE,
        TRANSFER,
        OTHER
    }

    public long copied() {
        return folders.stream().mapToLong(FolderReport::copied).sum();
    }

    /** What a dry run would have copied. */
    public long wouldCopy() {
        return folders.stream().mapToLong(f -> f.planned().copy()).sum();
    }

    public long bytesCopied() {
        return folders.stream().mapToLong(FolderReport::bytesCopied).sum();
    }

    public long skipped() {
        return folders.stream().mapToLong(FolderReport::skipped).sum();
    }

    public long failed() {
        return folders.stream().mapToLong(FolderReport::failed).sum();
    }

    public long found() {
        return folders.stream().mapToLong(FolderReport::found).sum();
    }

    public long flagsUpdated() {
        return folders.stream().mapToLong(FolderReport::flagsUpdated).sum();
    }

    /** What the plans would have deleted on the target: a dry run's deletions. */
    public long wouldDelete() {
        return folders.stream().mapToLong(f -> f.planned().deletions()).sum();
    }

    public long deletedOnTarget() {
        return folders.stream().mapToLong(FolderReport::deletedOnTarget).sum();
    }

    public long deletedOnSource() {
        return folders.stream().mapToLong(FolderReport::deletedOnSource).sum();
    }

    public Duration elapsed() {
        return Duration.between(started, finished);
    }

    public boolean complete() {
        return !aborted && !stopped && errors.isEmpty();
    }
}
