package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The probe's figures as a plain-text table: labels padded to one column, one account after the
 * other, then the recommendation with how it was computed. MB are 10^6 bytes.
 */
public final class ProbeTable {
    static final int LABEL = 28;

    private ProbeTable() {}

    public static String render(List<ProbeResult> results, Recommendation recommendation) {
        StringBuilder b = new StringBuilder();
        for (ProbeResult r : results) {
            account(b, r);
            b.append('\n');
        }
        if (recommendation != null) {
            b.append("Recommendation\n");
            line(b, "--connections", String.valueOf(recommendation.connections()));
            if (recommendation.maxBytesPerSecond() != null) {
                line(b, "--maxbytespersecond", String.valueOf(recommendation.maxBytesPerSecond()));
            }
            if (recommendation.maxMessagesPerSecond() != null) {
                line(
                        b,
                        "--maxmessagespersecond",
                        String.format(Locale.ROOT, "%.1f", recommendation.maxMessagesPerSecond()));
            }
            if (recommendation.mailboxBytes() > 0) {
                line(
                        b,
                        "Expected time for " + size(recommendation.mailboxBytes()),
                        recommendation.expected() == null ? "unknown" : duration(recommendation.expected()));
            }
            for (String reason : recommendation.reasons()) {
                b.append("  * ").append(reason).append('\n');
            }
        }
        return b.toString();
    }

    private static void account(StringBuilder b, ProbeResult r) {
        b.append("Probe of ")
                .append(r.account())
                .append(r.stopped() ? " (stopped before the end)" : "")
                .append('\n');
        if (!r.greeting().isEmpty()) {
            line(b, "Greeting", r.greeting());
        }
        ConnectionTimes t = r.times();
        line(
                b,
                "Connect / TLS / login",
                ms(t.connect()) + " / " + (t.tls() == null ? "no TLS" : ms(t.tls())) + " / " + ms(t.login()));
        String offered = r.capabilities().stream()
                .filter(SpeedCapabilities.Mark::offered)
                .map(SpeedCapabilities.Mark::name)
                .collect(Collectors.joining(" "));
        line(b, "Speed capabilities", offered.isEmpty() ? "none" : offered);
        String missing = r.capabilities().stream()
                .filter(m -> !m.offered())
                .map(SpeedCapabilities.Mark::name)
                .collect(Collectors.joining(" "));
        if (!missing.isEmpty()) {
            line(b, "Not offered", missing);
        }
        if (r.roundTrip() != null) {
            line(
                    b,
                    "NOOP round trip",
                    "median " + ms(r.roundTrip().median()) + ", p99 "
                            + ms(r.roundTrip().p99()) + " over " + r.roundTrip().count());
        }
        if (r.folder() != null) {
            line(b, "Folder read", r.folder() + " (" + r.folderMessages() + " messages)");
        }
        for (Throughput x : r.reads()) {
            line(b, "Read, " + connections(x.connections()), rate(x));
        }
        if (r.scratch() != null) {
            line(b, "Scratch folder", r.scratch().folder());
        }
        for (Throughput x : r.writes()) {
            line(b, "Write, " + connections(x.connections()), rate(x));
        }
        if (!r.triedConnections().isEmpty()) {
            line(
                    b,
                    "Connections at once",
                    r.largestConnections() + " worked (tried "
                            + r.triedConnections().stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + ")");
        }
        if (r.limits().isEmpty()) {
            line(b, "Limits found", "none");
        }
        for (Limit limit : r.limits()) {
            line(b, "Limit found", limit.describe());
        }
        if (r.scratch() != null) {
            line(
                    b,
                    "Scratch folder removed",
                    r.scratch().deleted()
                            ? "yes"
                            : "NO: " + r.scratch().folder() + " is still there: "
                                    + r.scratch().problem());
        }
        for (String note : r.notes()) {
            line(b, "Note", note);
        }
    }

    private static String connections(int n) {
        return n + (n == 1 ? " connection" : " connections");
    }

    private static String rate(Throughput x) {
        return String.format(
                Locale.ROOT,
                "%.2f MB/s, %.1f messages/s (%d messages, %s in %.2f s)",
                x.megabytesPerSecond(),
                x.messagesPerSecond(),
                x.messages(),
                size(x.bytes()),
                x.seconds());
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(row(label, value)).append('\n');
    }

    /** One line of the table, without its line break. */
    static String row(String label, String value) {
        return "  " + label + " ".repeat(Math.max(1, LABEL - label.length())) + value;
    }

    static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }

    /** Decimal units, as the MB of MB/s: 1 GB = 10^9 bytes. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
