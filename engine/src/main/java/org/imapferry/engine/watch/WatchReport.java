package org.imapferry.engine.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * What a watch did after the first pass, for the status line and the JSON report. Lags run from
 * a change's notice (the NOTIFY or IDLE response, or the poll that saw it) to the APPEND OK.
 *
 * @param mechanism          "NOTIFY", "IDLE+STATUS", "STATUS", or "" before the source was first reached
 * @param passes             the folder passes run on notices
 * @param messagesRelayed    messages appended to the target by those passes
 * @param lastRelayed        when the last message was relayed, or null
 * @param lastFolder         the source folder of that message, or null
 * @param reconnections      times the watching connection to the source was made again
 * @param pendingAtEnd       changes were heard of that no pass relayed: the target is not in step
 */
public record WatchReport(
        String mechanism,
        long passes,
        long messagesRelayed,
        long flagsUpdated,
        long deletedOnTarget,
        Duration lagMedian,
        Duration lagMax,
        long lagSamples,
        Instant lastRelayed,
        String lastFolder,
        int reconnections,
        boolean pendingAtEnd) {
    /** A run that ended before it could watch: a dry run, a run stopped or aborted in its first pass. */
    public static final WatchReport NOT_STARTED =
            new WatchReport("", 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, 0, null, null, 0, false);
}
