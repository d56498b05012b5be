package org.imapferry.engine.watch;

import java.time.Duration;
import java.util.Arrays;

/**
 * Lags from a change's notice to its APPEND OK on the target: the maximum and count over the whole
 * watch, the median over the last {@link #WINDOW} messages, so memory stays flat however long it runs.
 * Thread-safe.
 */
final class LagStatistics {
    static final int WINDOW = 4096;

    private final long[] recent = new long[WINDOW];
    private long count;
    private long maxMillis;

    synchronized void record(Duration lag) {
        long millis = Math.max(0, lag.toMillis());
        recent[(int) (count % WINDOW)] = millis;
        count++;
        maxMillis = Math.max(maxMillis, millis);
    }

    synchronized long count() {
        return count;
    }

    synchronized Duration max() {
        return Duration.ofMillis(maxMillis);
    }

    /** The median of the last {@link #WINDOW} lags (the lower middle of an even count); zero before any. */
    synchronized Duration median() {
        int n = (int) Math.min(count, WINDOW);
        if (n == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(recent, n);
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[(n - 1) / 2]);
    }
}
