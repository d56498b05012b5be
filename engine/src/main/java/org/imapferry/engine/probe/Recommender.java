package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns probe figures into migration options. Pure: the same figures always give the same advice,
 * and every number comes with the sentence that says how it was computed.
 */
public final class Recommender {
    /** imapferry's own default when no parallel figure exists. */
    static final int DEFAULT_CONNECTIONS = 3;
    /** Parallel connections must beat one by this factor to be worth the server's goodwill. */
    static final double PARALLEL_GAIN = 1.2;
    /** A pace below the rate at which throttling began, so that it does not begin again. */
    static final double MARGIN_BELOW_THROTTLE = 0.8;

    private Recommender() {}

    /**
     * @param source       the account read from (host1)
     * @param target       the account written to (host2), or null when one account was probed: it is
     *                     then both the source and the target of the estimate
     * @param mailboxBytes the size of a mailbox to estimate the copy time for; 0 for none
     */
    public static Recommendation recommend(ProbeResult source, ProbeResult target, long mailboxBytes) {
        List<ProbeResult> accounts = target == null ? List.of(source) : List.of(source, target);
        List<String> reasons = new ArrayList<>();
        int connections = Integer.MAX_VALUE;
        for (ProbeResult r : accounts) {
            connections = Math.min(connections, connections(r, reasons));
        }
        Double bytesCap = null;
        Double messagesCap = null;
        for (ProbeResult r : accounts) {
            for (Limit limit : r.limits()) {
                Optional<double[]> pace = pace(r, limit, reasons);
                if (pace.isPresent()) {
                    bytesCap = bytesCap == null ? pace.get()[0] : Math.min(bytesCap, pace.get()[0]);
                    messagesCap = messagesCap == null ? pace.get()[1] : Math.min(messagesCap, pace.get()[1]);
                }
            }
        }
        Long maxBytes = bytesCap == null ? null : Math.max(1L, Math.round(bytesCap));
        Double maxMessages = messagesCap == null ? null : Math.max(0.1, Math.floor(messagesCap * 10) / 10);
        Duration expected =
                expected(source, target == null ? source : target, connections, maxBytes, mailboxBytes, reasons);
        return new Recommendation(connections, maxBytes, maxMessages, mailboxBytes, expected, reasons);
    }

    private static int connections(ProbeResult r, List<String> reasons) {
        int cap = Integer.MAX_VALUE;
        if (r.largestConnections() > 0) {
            // A migration opens one connection per account besides its --connections copiers.
            cap = Math.max(1, r.largestConnections() - 1);
        }
        Optional<Throughput> single = r.throughput(ProbePhase.READ_ONE).or(() -> r.throughput(ProbePhase.WRITE_ONE));
        Optional<Throughput> parallel =
                r.throughput(ProbePhase.READ_PARALLEL).or(() -> r.throughput(ProbePhase.WRITE_PARALLEL));
        int wanted;
        if (throttledInParallel(r)) {
            wanted = 1;
            reasons.add(r.account() + ": throttled with parallel connections, so one connection");
        } else if (single.isPresent() && parallel.isPresent() && single.get().bytes() > 0) {
            double gain = parallel.get().bytesPerSecond() / single.get().bytesPerSecond();
            if (gain >= PARALLEL_GAIN) {
                wanted = parallel.get().connections();
                reasons.add(String.format(
                        Locale.ROOT,
                        "%s: %d connections moved %.2f MB/s, 1 moved %.2f MB/s" + " (x%.1f), so %d",
                        r.account(),
                        parallel.get().connections(),
                        parallel.get().megabytesPerSecond(),
                        single.get().megabytesPerSecond(),
                        gain,
                        wanted));
            } else {
                wanted = 1;
                reasons.add(String.format(
                        Locale.ROOT,
                        "%s: %d connections moved %.2f MB/s, 1 moved %.2f MB/s:" + " less than x%.1f, so one is enough",
                        r.account(),
                        parallel.get().connections(),
                        parallel.get().megabytesPerSecond(),
                        single.get().megabytesPerSecond(),
                        PARALLEL_GAIN));
            }
        } else {
            wanted = DEFAULT_CONNECTIONS;
            reasons.add(r.account() + ": no parallel figure, so imapferry's default of " + DEFAULT_CONNECTIONS);
        }
        if (wanted > cap) {
            reasons.add(r.account() + ": at most " + r.largestConnections() + " connections at once worked, one"
                    + " of them lists folders, so --connections " + cap);
            return cap;
        }
        return wanted;
    }

    private static boolean throttledInParallel(ProbeResult r) {
        return r.limits().stream()
                .anyMatch(l -> !(l instanceof Limit.ConnectionRefused)
                        && (l.phase() == ProbePhase.READ_PARALLEL || l.phase() == ProbePhase.WRITE_PARALLEL));
    }

    /** {bytes/s, messages/s} to stay under, from the rate the phase had reached when throttled. */
    private static Optional<double[]> pace(ProbeResult r, Limit limit, List<String> reasons) {
        if (limit instanceof Limit.ConnectionRefused) {
            return Optional.empty();
        }
        if (limit instanceof Limit.RateCollapsed collapsed) {
            double bytes = collapsed.lastMegabytesPerSecond() * Throughput.MEGABYTE * MARGIN_BELOW_THROTTLE;
            double ratio = collapsed.firstMegabytesPerSecond() <= 0
                    ? 1
                    : collapsed.lastMegabytesPerSecond() / collapsed.firstMegabytesPerSecond();
            double messages = r.throughput(collapsed.phase())
                            .map(Throughput::messagesPerSecond)
                            .orElse(0.0)
                    * ratio
                    * MARGIN_BELOW_THROTTLE;
            reasons.add(String.format(
                    Locale.ROOT,
                    "%s: the rate collapsed to %.2f MB/s during %s; pace at %.0f%%" + " of that",
                    r.account(),
                    collapsed.lastMegabytesPerSecond(),
                    collapsed.phase().label(),
                    MARGIN_BELOW_THROTTLE * 100));
            return Optional.of(new double[] {bytes, Math.max(messages, 0.1)});
        }
        Optional<Throughput> reached = r.throughput(limit.phase()).filter(t -> t.bytes() > 0);
        double factor = MARGIN_BELOW_THROTTLE;
        String from = "the rate reached before it";
        if (reached.isEmpty()) {
            reached = r.throughput(singleOf(limit.phase())).filter(t -> t.bytes() > 0);
            factor = MARGIN_BELOW_THROTTLE / 2;
            from = "half the one-connection rate";
        }
        if (reached.isEmpty()) {
            reasons.add(r.account() + ": throttled during " + limit.phase().label() + " before any rate was"
                    + " measured: start with --maxmessagespersecond 1 and raise it");
            return Optional.empty();
        }
        Throughput t = reached.get();
        reasons.add(String.format(
                Locale.ROOT,
                "%s: throttled during %s; pace at %.0f%% of %s (%.2f MB/s," + " %.1f messages/s)",
                r.account(),
                limit.phase().label(),
                factor * 100,
                from,
                t.megabytesPerSecond(),
                t.messagesPerSecond()));
        return Optional.of(new double[] {t.bytesPerSecond() * factor, t.messagesPerSecond() * factor});
    }

    private static ProbePhase singleOf(ProbePhase phase) {
        return switch (phase) {
            case READ_PARALLEL -> ProbePhase.READ_ONE;
            case WRITE_PARALLEL -> ProbePhase.WRITE_ONE;
            default -> phase;
        };
    }

    /**
     * The size divided by the slowest of: the source's read rate and the target's write rate at
     * the recommended connection count (between the one-connection and parallel figures, linearly),
     * and the recommended --maxbytespersecond.
     */
    private static Duration expected(
            ProbeResult source,
            ProbeResult target,
            int connections,
            Long maxBytes,
            long mailboxBytes,
            List<String> reasons) {
        if (mailboxBytes <= 0) {
            return null;
        }
        List<String> terms = new ArrayList<>();
        double slowest = Double.MAX_VALUE;
        Optional<Double> read = rate(source, ProbePhase.READ_ONE, ProbePhase.READ_PARALLEL, connections);
        if (read.isPresent()) {
            terms.add(String.format(Locale.ROOT, "read %.2f MB/s", read.get() / Throughput.MEGABYTE));
            slowest = Math.min(slowest, read.get());
        }
        Optional<Double> write = rate(target, ProbePhase.WRITE_ONE, ProbePhase.WRITE_PARALLEL, connections);
        if (write.isPresent()) {
            terms.add(String.format(Locale.ROOT, "write %.2f MB/s", write.get() / Throughput.MEGABYTE));
            slowest = Math.min(slowest, write.get());
        }
        if (maxBytes != null) {
            terms.add(String.format(Locale.ROOT, "pace %.2f MB/s", maxBytes / Throughput.MEGABYTE));
            slowest = Math.min(slowest, maxBytes);
        }
        if (terms.isEmpty() || slowest <= 0) {
            reasons.add("no read or write rate was measured, so no expected time");
            return null;
        }
        Duration expected = Duration.ofMillis(Math.round(mailboxBytes / slowest * 1000));
        reasons.add(String.format(
                Locale.ROOT,
                "expected time = %s / min(%s) with %d connection%s%s",
                ProbeTable.size(mailboxBytes),
                String.join(", ", terms),
                connections,
                connections == 1 ? "" : "s",
                write.isPresent() ? "" : "; the target's write rate was not measured (probe it with --write)"));
        return expected;
    }

    /** Bytes/s at {@code connections}: between the one-connection and parallel figures, linearly. */
    static Optional<Double> rate(ProbeResult r, ProbePhase one, ProbePhase parallel, int connections) {
        Optional<Throughput> single = r.throughput(one).filter(t -> t.bytes() > 0);
        Optional<Throughput> many = r.throughput(parallel).filter(t -> t.bytes() > 0);
        if (single.isEmpty() || many.isEmpty()) {
            return single.or(() -> many).map(Throughput::bytesPerSecond);
        }
        double s = single.get().bytesPerSecond();
        double p = many.get().bytesPerSecond();
        int n = many.get().connections();
        if (connections <= 1 || n <= 1) {
            return Optional.of(s);
        }
        if (connections >= n) {
            return Optional.of(p);
        }
        return Optional.of(s + (p - s) * (connections - 1) / (n - 1));
    }
}
