package org.imapferry.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run did: per folder and in total. Everything a statistics block, a JSON report or an
 * exit code needs.
 *
 * @param aborted stopped by the run itself (--errorsmax)
 * @param stopped stopped on request ({@link StopSignal}: a signal), before it could finish
 */
public record SyncReport(Instant started, Instant finished, List<FolderReport> folders, List<SyncError> errors,
                         AccountSize sourceSize, AccountSize targetSizeBefore, AccountSize targetSizeAfter,
                         int connectionsUsed, Reconnections reconnections, long messagesWithoutMessageId,
                         boolean aborted, boolean stopped) {

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
    public record Planned(long copy, long bytes, long flagUpdates, long deletions) {
        public static final Planned NONE = new Planned(0, 0, 0, 0);
    }

    /** One source folder and its target. */
    public record FolderReport(String source, String target, long found, long bytesFound, long copied,
                               long bytesCopied, long skipped, long flagsUpdated, long deletedOnTarget,
                               long failed, boolean created, Duration took, List<String> notes, Planned planned) {
        /** A folder with no plan of its own: skipped as unchanged, or given up before it was planned. */
        public FolderReport(String source, String target, long found, long bytesFound, long copied,
                            long bytesCopied, long skipped, long flagsUpdated, long deletedOnTarget,
                            long failed, boolean created, Duration took, List<String> notes) {
            this(source, target, found, bytesFound, copied, bytesCopied, skipped, flagsUpdated, deletedOnTarget,
                    failed, created, took, notes, Planned.NONE);
        }

        /**
         * This attempt's report with what an earlier attempt, stopped by a lost connection,
         * copied: this attempt found those messages on the target and counted them as skipped.
         */
        public FolderReport withEarlierAttempt(long earlierCopied, long earlierBytes) {
            List<String> more = new ArrayList<>(notes);
            more.add("copied in two attempts: a connection was lost during the first, which copied " + earlierCopied
                    + " message(s)");
            return new FolderReport(source, target, found, bytesFound, copied + earlierCopied,
                    bytesCopied + earlierBytes, Math.max(0, skipped - earlierCopied), flagsUpdated, deletedOnTarget,
                    failed, created, took, List.copyOf(more), planned);
        }
    }

    /**
     * An error, classified the way imapsync's exit code is.
     *
     * @param folder the source folder, or null for account-level errors
     * @param uid    the source UID, or 0
     */
    public record SyncError(Kind kind, String folder, long uid, String message) {
    }

    /** Error classes (imapsync's ERR_* types). */
    public enum Kind {
        CONNECTION_SOURCE, CONNECTION_TARGET, AUTHENTICATION_SOURCE, AUTHENTICATION_TARGET, TLS,
        FOLDER_NOT_FOUND, FOLDER_CREATE, APPEND, OVER_QUOTA, TOO_BIG, FLAGS, EXPUNGE, TRANSFER, OTHER
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

    public long deletedOnTarget() {
        return folders.stream().mapToLong(FolderReport::deletedOnTarget).sum();
    }

    public Duration elapsed() {
        return Duration.between(started, finished);
    }

    public boolean complete() {
        return !aborted && !stopped && errors.isEmpty();
    }
}
