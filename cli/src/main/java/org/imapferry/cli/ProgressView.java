package org.imapferry.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncReport;

/**
 * Shows a run's progress. On a terminal: progress bars (me.tongfei:progressbar), one overall and
 * one per folder in progress, in bytes with rate and ETA, the message counts beside them.
 * Elsewhere (a pipe, a log, a batch): a plain line at most every {@code interval}, and one line
 * per finished folder. Also keeps the biggest message copied, for the statistics block.
 * Thread-safe: the engine calls it from its I/O threads.
 */
public final class ProgressView implements SyncListener, AutoCloseable {
    private final PrintWriter out;
    private final boolean bars;
    /** A dry run copies nothing: its lines say what a real run would copy. */
    private final boolean dry;

    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong plannedMessages = new AtomicLong(-1);
    private final AtomicLong plannedBytes = new AtomicLong(-1);
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong biggest = new AtomicLong();
    private final long startNanos;
    private volatile long lastLine;
    private final Map<String, ProgressBar> folderBars = new ConcurrentHashMap<>();
    private volatile ProgressBar overall;

    /**
     * @param bars     true for progress bars (a terminal and no --no-progress)
     * @param interval how often a plain line is printed when not drawing bars
     */
    public ProgressView(PrintWriter out, boolean bars, boolean dry, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.bars = bars;
        this.dry = dry;
        this.intervalNanos = interval.toNanos();
        this.clock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastLine = startNanos;
    }

    @Override
    public void folderDeleted(String target) {
        synchronized (out) {
            out.println("Deleted folder " + target + " on host2 (--delete2folders)");
            out.flush();
        }
    }

    /** imapsync's "Host1 banner" and "Host1 capability" lines. */
    @Override
    public void connected(boolean source, String banner, String capabilities) {
        String host = source ? "Host1" : "Host2";
        synchronized (out) {
            out.println(host + " banner: " + banner);
            out.println(host + " capability: " + capabilities);
            out.flush();
        }
    }

    @Override
    public void planned(long messages, long bytes) {
        plannedMessages.set(messages);
        plannedBytes.set(bytes);
        if (bars) {
            overall = bar("Overall", bytes);
        } else {
            // What the folders selected hold on host1, before any is planned: not what will be copied.
            // Without STATUS=SIZE the bytes are unknown (-1), not a negative size.
            line(String.format(
                    Locale.ROOT,
                    "Selected on host1: %d messages, %s",
                    messages,
                    bytes < 0 ? "size unknown" : StatisticsPrinter.bytesDisplay(bytes)));
        }
    }

    @Override
    public void folderStarted(String source, String target, long toCopy, long bytesToCopy) {
        if (bars) {
            ProgressBar b = bar(source, bytesToCopy);
            b.setExtraMessage(" 0/" + toCopy + " msgs");
            ProgressBar old = folderBars.put(source, b);
            if (old != null) {
                old.close();
            }
        } else if (toCopy > 0) {
            line("Folder " + source + " -> " + target + ": " + toCopy + " messages, "
                    + StatisticsPrinter.bytesDisplay(bytesToCopy) + (dry ? " would be copied" : " to copy"));
        }
    }

    @Override
    public void messageCopied(String source, long size) {
        long m = messages.incrementAndGet();
        bytes.addAndGet(size);
        biggest.accumulateAndGet(size, Math::max);
        if (bars) {
            ProgressBar f = folderBars.get(source);
            if (f != null) {
                f.stepBy(size);
            }
            ProgressBar o = overall;
            if (o != null) {
                o.stepBy(size);
                o.setExtraMessage(" " + m + (plannedMessages.get() >= 0 ? "/" + plannedMessages.get() : "") + " msgs");
            }
        } else {
            maybeLine();
        }
    }

    @Override
    public void messageFailed(String source, long uid, String reason) {
        failed.incrementAndGet();
        if (!bars) {
            maybeLine();
        }
    }

    @Override
    public void folderFinished(SyncReport.FolderReport r) {
        if (bars) {
            ProgressBar b = folderBars.remove(r.source());
            if (b != null) {
                b.setExtraMessage(" " + r.copied() + "/" + r.found() + " msgs");
                b.close();
            }
        } else {
            // "not copied", not "failed": after a stop most of them were never tried.
            line(String.format(
                    Locale.ROOT,
                    "Folder %s -> %s: %d %s, %d skipped, %d not copied of %d",
                    r.source(),
                    r.target(),
                    dry ? r.planned().copy() : r.copied(),
                    dry ? "would be copied" : "copied",
                    r.skipped(),
                    r.failed(),
                    r.found()));
        }
    }

    private void maybeLine() {
        long now = clock.getAsLong();
        long last = lastLine;
        if (now - last >= intervalNanos) {
            synchronized (this) {
                if (lastLine == last) {
                    lastLine = now;
                    out.println(status(now));
                    out.flush();
                }
            }
        }
    }

    private synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    /** "1234/5000 msgs, 12.3 MiB/56.0 MiB, 2.1 MiB/s, 45.6 msgs/s, ETA 0:01:23". */
    String status(long nowNanos) {
        double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-3);
        long m = messages.get();
        long b = bytes.get();
        long pm = plannedMessages.get();
        long pb = plannedBytes.get();
        StringBuilder s = new StringBuilder();
        s.append(m);
        if (pm >= 0) {
            s.append('/').append(pm);
        }
        s.append(" msgs, ").append(StatisticsPrinter.bytesDisplay(b));
        if (pb >= 0) {
            s.append('/').append(StatisticsPrinter.bytesDisplay(pb));
        }
        double bytesPerSecond = b / seconds;
        s.append(String.format(Locale.ROOT, ", %.1f KiB/s, %.1f msgs/s", bytesPerSecond / 1024, m / seconds));
        if (failed.get() > 0) {
            s.append(", ").append(failed.get()).append(" failed");
        }
        if (pb > 0 && bytesPerSecond > 0 && b <= pb) {
            long eta = Math.round((pb - b) / bytesPerSecond);
            s.append(String.format(Locale.ROOT, ", ETA %d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60));
        }
        return s.toString();
    }

    private static ProgressBar bar(String name, long max) {
        return new ProgressBarBuilder()
                .setTaskName(name.length() > 24 ? "…" + name.substring(name.length() - 23) : name)
                .setInitialMax(Math.max(max, 0))
                .setUnit("MiB", 1024 * 1024)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .build();
    }

    public long biggestMessage() {
        return biggest.get();
    }

    public long messagesCopied() {
        return messages.get();
    }

    @Override
    public void close() {
        folderBars.values().forEach(ProgressBar::close);
        folderBars.clear();
        ProgressBar o = overall;
        if (o != null) {
            o.close();
        }
    }
}
