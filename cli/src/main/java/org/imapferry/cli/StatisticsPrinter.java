package org.imapferry.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.SyncReport.AccountSize;

/**
 * The statistics block at the end of a run, in imapsync's format: its labels padded to 40
 * columns, then {@code ": "}, so that scripts parsing imapsync's output keep working. Lines
 * imapsync lacks come after its own, and the closing sentences say whether the sync is complete.
 * <p>
 * imapsync counts we do not have are printed as imapsync prints an absent count: 0 (duplicates,
 * deletions on host1, "void" messages: imapferry copies messages without a Message-ID instead of
 * skipping them).
 */
public final class StatisticsPrinter {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy-MM-dd HH:mm:ss Z z",
            Locale.ENGLISH);

    private final ZoneId zone;

    public StatisticsPrinter(ZoneId zone) {
        this.zone = zone;
    }

    /** Everything the block shows besides the report. */
    public record Context(boolean dry, int errorsMax, long biggestMessage, ProcessFacts process) {
    }

    public String print(SyncReport r, Context c) {
        StringBuilder b = new StringBuilder();
        b.append("++++ Statistics\n");
        double seconds = Math.max(r.elapsed().toMillis() / 1000.0, 0.0);
        line(b, "Transfer started on", DATE.format(r.started().atZone(zone)));
        line(b, "Transfer ended on", DATE.format(r.finished().atZone(zone)));
        line(b, "Transfer time", String.format(Locale.ROOT, "%.1f sec", seconds));
        long foldersDone = r.folders().stream().filter(f -> f.failed() == 0).count();
        line(b, "Folders synced", foldersDone + "/" + r.folders().size() + " synced");
        long copied = r.copied();
        line(b, "Messages transferred", c.dry() ? "0 (could be " + copied + " without dry mode)" : "" + copied);
        line(b, "Messages skipped", "" + r.skipped());
        line(b, "Messages found duplicate on host1", "0");
        line(b, "Messages found duplicate on host2", "0");
        line(b, "Messages found crossduplicate on host2", "0");
        line(b, "Messages void (noheader) on host1", "0");
        line(b, "Messages void (noheader) on host2", "0");
        long missing = missingOnHost2(r, c.dry());
        long extra = extraOnHost2(r);
        line(b, "Messages found in host1 not in host2", missing + " messages");
        line(b, "Messages found in host2 not in host1", (extra < 0 ? "NA" : "" + extra) + " messages");
        line(b, "Messages deleted on host1", "0");
        line(b, "Messages deleted on host2", "" + r.deletedOnTarget());
        long bytes = c.dry() ? 0 : r.bytesCopied();
        line(b, "Total bytes transferred", bytes + " (" + bytesDisplay(bytes) + ")");
        long skippedBytes = r.folders().stream().mapToLong(f -> Math.max(0, f.bytesFound() - f.bytesCopied())).sum();
        line(b, "Total bytes skipped", skippedBytes + " (" + bytesDisplay(skippedBytes) + ")");
        double rate = seconds > 0 ? (c.dry() ? 0 : copied) / seconds : 0;
        line(b, "Message rate", String.format(Locale.ROOT, "%.1f messages/s", rate));
        double kib = seconds > 0 ? bytes / 1024.0 / seconds : 0;
        line(b, "Average bandwidth rate", String.format(Locale.ROOT, "%.1f KiB/s", kib));
        line(b, "Reconnections to host1", "" + r.reconnections().host1());
        line(b, "Reconnections to host2", "" + r.reconnections().host2());
        ProcessFacts p = c.process();
        line(b, "Memory consumption at the end", String.format(Locale.ROOT,
                "%.1f MiB (*time %.1f MiB*h) (started with %.1f MiB)", p.memoryEndMiB(),
                p.memoryEndMiB() * seconds / 3600.0, p.memoryStartMiB()));
        line(b, "Load end is", (p.loadAverage() < 0 ? "NA" : String.format(Locale.ROOT, "%.2f", p.loadAverage()))
                + " on " + p.cores() + " cores");
        line(b, "CPU time and %cpu", cpu(p));
        line(b, "Biggest message transferred", c.biggestMessage() + " bytes (" + bytesDisplay(c.biggestMessage())
                + ")");
        line(b, "Memory/biggest message ratio", c.biggestMessage() > 0 ? String.format(Locale.ROOT, "%.1f",
                p.memoryEndMiB() * 1024 * 1024 / c.biggestMessage()) : "NA");
        line(b, "Start difference host2 - host1", difference(r.sourceSize(), r.targetSizeBefore()));
        line(b, "Final difference host2 - host1", difference(r.sourceSize(), r.targetSizeAfter()));
        // Lines imapsync lacks.
        line(b, "Connections used", "" + r.connectionsUsed());
        line(b, "Peak memory", String.format(Locale.ROOT, "%.1f MiB", p.memoryPeakMiB()));
        line(b, "Messages copied without a Message-ID", "" + r.messagesWithoutMessageId());
        line(b, "Differences found by the final check", "" + (missing + Math.max(0, extra)));
        line(b, "Messages failed", "" + r.failed());
        closing(b, r, c, missing, extra);
        return b.toString();
    }

    /**
     * The process's CPU time over the run and its share: of one CPU (imapsync's %cpu, above 100 with
     * several threads busy) and of all of them (never above 100).
     */
    static String cpu(ProcessFacts p) {
        if (p.cpuSeconds() < 0 || p.wallSeconds() <= 0) {
            return "NA";
        }
        double pct = 100.0 * p.cpuSeconds() / p.wallSeconds();
        return String.format(Locale.ROOT, "%.2f sec %.1f %%cpu %.1f %%allcpus", p.cpuSeconds(), pct,
                pct / Math.max(1, p.cores()));
    }

    private void closing(StringBuilder b, SyncReport r, Context c, long missing, long extra) {
        long identified = r.sourceSize().messages() >= 0 ? r.sourceSize().messages() : r.found();
        // An error without a UID stopped a whole folder or the account: its messages were never counted.
        long uncounted = r.errors().stream().filter(e -> e.uid() == 0).count();
        if (missing == 0 && uncounted > 0) {
            b.append("The sync is not finished: ").append(uncounted).append(uncounted == 1 ? " error" : " errors")
                    .append(" listed below stopped a whole folder or the account, whose messages are not counted"
                            + " here.\n");
        } else if (missing == 0) {
            b.append("The sync looks good, all ").append(identified).append(" identified messages in host1 are on host2.\n");
        } else {
            b.append("The sync is not finished, there are ").append(missing).append(" among ").append(identified)
                    .append(" identified messages in host1 that are not on host2.\n");
        }
        b.append("There is no unidentified message on host1.\n");
        long onHost2 = r.targetSizeAfter().messages();
        if (extra == 0) {
            b.append("The sync is strict, all ").append(Math.max(onHost2, 0))
                    .append(" identified messages in host2 are on host1.\n");
        } else if (extra > 0) {
            b.append("The sync is not strict, there are ").append(extra).append(" among ").append(onHost2)
                    .append(" identified messages in host2 that are not on host1. Use --delete2 and sync again to"
                            + " delete them and have a strict sync.\n");
        }
        b.append("Detected ").append(r.errors().size()).append(" errors\n");
        List<SyncReport.SyncError> errors = r.errors();
        if (!errors.isEmpty()) {
            b.append("\n++++ Listing ").append(errors.size()).append(" errors encountered during the sync.\n");
            for (int i = 0; i < errors.size(); i++) {
                SyncReport.SyncError e = errors.get(i);
                b.append("Err ").append(i + 1).append('/').append(errors.size()).append(": ").append(e.kind());
                if (e.folder() != null) {
                    b.append(" folder ").append(e.folder());
                }
                if (e.uid() != 0) {
                    b.append(" UID ").append(e.uid());
                }
                b.append(": ").append(e.message()).append('\n');
            }
        }
        b.append('\n').append(verdict(r, c.dry())).append('\n');
    }

    /** The plain closing sentence. */
    public static String verdict(SyncReport r, boolean dry) {
        ExitCode code = ExitCode.of(r);
        if (dry) {
            return code.success() ? "Dry run: nothing was changed. A real run would copy " + r.copied()
                    + " messages." : "Dry run: nothing was changed, and there were errors (" + code.meaning() + ").";
        }
        if (code.success()) {
            return "The sync is complete: every selected message of host1 is on host2.";
        }
        if (code == ExitCode.WITH_ERRORS_MAX) {
            return "The sync is NOT complete: it was stopped after " + r.errors().size()
                    + " errors (--errorsmax). Fix the cause and run the same command again; it copies only what is"
                    + " missing.";
        }
        if (r.aborted()) {
            return "The sync is NOT complete: it was stopped (" + code.meaning() + ").";
        }
        return "The sync is NOT complete: it finished with " + r.errors().size() + " errors and " + r.failed()
                + " messages not copied. Run the same command again to retry them.";
    }

    private static long missingOnHost2(SyncReport r, boolean dry) {
        return dry ? r.copied() + r.failed() : r.failed();
    }

    /** Messages on host2 beyond those of host1, from the account sizes; -1 when unknown. */
    private static long extraOnHost2(SyncReport r) {
        AccountSize s = r.sourceSize();
        AccountSize t = r.targetSizeAfter();
        if (s.messages() < 0 || t.messages() < 0) {
            return -1;
        }
        long expected = s.messages() - r.failed();
        return Math.max(0, t.messages() - expected);
    }

    /** Messages and bytes host2 has beyond host1 (negative: fewer); bytes only when both sides told them. */
    private static String difference(AccountSize source, AccountSize target) {
        if (source.messages() < 0 || target.messages() < 0) {
            return "NA";
        }
        String messages = (target.messages() - source.messages()) + " messages";
        if (source.bytes() < 0 || target.bytes() < 0) {
            return messages + ", bytes NA";
        }
        long bytes = target.bytes() - source.bytes();
        return messages + ", " + bytes + " bytes (" + bytesDisplay(bytes) + ")";
    }

    static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-40s: %s%n", label, value).replace(System.lineSeparator(), "\n"));
    }

    /** imapsync's bytes_display_string: KiB, MiB, GiB or TiB with three decimals. */
    public static String bytesDisplay(long bytes) {
        double abs = Math.abs((double) bytes);
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int u = 0;
        double threshold = 1000 * 1024.0;
        while (u < units.length - 1 && abs >= threshold) {
            value /= 1024.0;
            threshold *= 1024.0;
            u++;
        }
        // C's printf (so Perl's, so imapsync's) rounds the exact binary value half to even
        return new java.math.BigDecimal(value).setScale(3, java.math.RoundingMode.HALF_EVEN).toPlainString() + " "
                + units[u];
    }
}
