package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** NOOP round trips, one at a time: what every command the server answers costs at least. */
public record RoundTrip(int count, Duration median, Duration p99) {
    /** Nearest-rank percentiles over the samples. */
    public static RoundTrip of(List<Duration> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no round trip was timed");
        }
        List<Duration> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return new RoundTrip(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99));
    }

    private static Duration rank(List<Duration> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
