package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Probe results made by hand, for the tests of the pure parts. */
final class Figures {
    private final List<Throughput> reads = new ArrayList<>();
    private final List<Throughput> writes = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private final String account;
    private int largest;

    private Figures(String account) {
        this.account = account;
    }

    static Figures of(String account) {
        return new Figures(account);
    }

    /** A phase that moved {@code megabytes} (10^6 bytes) and {@code messages} in {@code seconds}. */
    Figures phase(ProbePhase phase, int connections, long messages, double megabytes, double seconds) {
        Throughput t = new Throughput(
                phase,
                connections,
                messages,
                Math.round(megabytes * 1_000_000),
                Duration.ofMillis(Math.round(seconds * 1000)));
        (phase.writes() ? writes : reads).add(t);
        return this;
    }

    Figures limit(Limit limit) {
        limits.add(limit);
        return this;
    }

    Figures largestConnections(int n) {
        largest = n;
        return this;
    }

    ProbeResult result() {
        return new ProbeResult(
                account,
                "",
                List.of(),
                new ConnectionTimes(Duration.ofMillis(1), null, Duration.ofMillis(2)),
                null,
                "INBOX",
                100,
                reads,
                writes,
                largest,
                largest == 0 ? List.of() : ConnectionLadder.steps(largest),
                limits,
                null,
                false,
                List.of());
    }
}
