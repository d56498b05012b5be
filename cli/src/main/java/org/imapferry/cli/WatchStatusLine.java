package org.imapferry.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.imapferry.engine.watch.WatchListener;
import org.imapferry.engine.watch.WatchReport;

/**
 * The console's line about a running {@code --watch}: printed when something it says changed
 * (a message relayed, a reconnection), not after every pass that found nothing to do.
 */
final class WatchStatusLine implements WatchListener {
    private final PrintWriter out;
    private final ZoneId zone;
    private String last = "";

    WatchStatusLine(PrintWriter out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    @Override
    public synchronized void watching(WatchReport now) {
        String line = describe(now, zone);
        if (!line.equals(last)) {
            out.println(line);
            out.flush();
            last = line;
        }
    }

    /** "Watching host1 (NOTIFY): 3 messages relayed, the last at 23:41:07 into INBOX, lag median 0.3 s, ...". */
    static String describe(WatchReport r, ZoneId zone) {
        StringBuilder b = new StringBuilder("Watching host1");
        if (!r.mechanism().isEmpty()) {
            b.append(" (").append(r.mechanism()).append(")");
        }
        b.append(": ");
        if (r.lastRelayed() == null) {
            b.append("no message relayed yet");
        } else {
            b.append(r.messagesRelayed())
                    .append(r.messagesRelayed() == 1 ? " message" : " messages")
                    .append(" relayed, the last at ")
                    .append(LocalTime.ofInstant(r.lastRelayed(), zone).truncatedTo(ChronoUnit.SECONDS))
                    .append(" into ")
                    .append(r.lastFolder())
                    .append(", lag median ")
                    .append(seconds(r.lagMedian()))
                    .append(", max ")
                    .append(seconds(r.lagMax()));
        }
        if (r.flagsUpdated() > 0) {
            b.append("; ").append(r.flagsUpdated()).append(" flag update(s)");
        }
        if (r.deletedOnTarget() > 0) {
            b.append("; ").append(r.deletedOnTarget()).append(" deletion(s) on host2");
        }
        if (r.reconnections() > 0) {
            b.append("; reconnected ").append(r.reconnections()).append(r.reconnections() == 1 ? " time" : " times");
        }
        return b.toString();
    }

    /** "0.3 s". */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
