package org.imapferry.engine.probe;

import java.util.List;
import java.util.Optional;

/**
 * Finds a server that slows down without saying so: the rate over the last third of a phase's
 * samples below a quarter of the rate over the first third. Too few samples prove nothing, and
 * neither does a short phase: on a busy machine a pause of the client's own (a collection, a core
 * taken by the server) spans a good part of a phase of a few hundred milliseconds.
 */
final class RateCollapse {
    static final int MIN_INTERVALS = 6;
    static final long MIN_SPAN_NANOS = 2_000_000_000L;
    static final double COLLAPSE_FACTOR = 4;

    private RateCollapse() {}

    static Optional<Limit.RateCollapsed> find(ProbePhase phase, List<RateSample> samples) {
        int n = samples.size();
        if (n - 1 < MIN_INTERVALS || samples.get(n - 1).nanos() - samples.get(0).nanos() < MIN_SPAN_NANOS) {
            return Optional.empty();
        }
        int k = (n - 1) / 3;
        double first = rate(samples.get(0), samples.get(k));
        double last = rate(samples.get(n - 1 - k), samples.get(n - 1));
        if (first > 0 && last * COLLAPSE_FACTOR < first) {
            return Optional.of(new Limit.RateCollapsed(phase, first / Throughput.MEGABYTE, last / Throughput.MEGABYTE));
        }
        return Optional.empty();
    }

    /** Bytes per second between two samples. */
    private static double rate(RateSample from, RateSample to) {
        long nanos = to.nanos() - from.nanos();
        return nanos <= 0 ? 0 : (to.bytes() - from.bytes()) * 1e9 / nanos;
    }
}
