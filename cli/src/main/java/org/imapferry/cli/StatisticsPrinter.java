package org.imapferry.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.SyncReport.AccountSize;

/**
 * The statistics block at the end of a run, in imapsync's format: its labels padded to 40
 * columns, then {@code ": "}, so that scripts parsing imapsync's output keep working. Lines
 * imapsync lacks come after its own, and the closing sentences say whether the sync is complete,
 * from what this run read only: a run that failed at login, a mode that copies nothing and a
 * rerun that skipped every folder claim nothing of messages.
 * <p>
 * imapsync counts we do not have are printed as imapsync prints an absent count: 0 (duplicates,
 * deletions on host1, "void" messages: imapferry copies messages without a Message-ID instead of
 * skipping them).
 */
public final class StatisticsPrinter {
    static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy-MM-dd HH:mm:ss Z z", Locale.ENGLISH);

    private final ZoneId zone;

    public StatisticsPrinter(ZoneId zone) {
        this.zone = zone;
    }

    /** Everything the block shows besides the report. */
    public record Context(int errorsMax, long biggestMessage, ProcessFacts process) {}

    public String print(SyncReport r, Context c) {
        StringBuilder b = new StringBuilder();
        if (!reachedAccounts(r)) {
            // Nothing was read: the error is the whole story, and no count may suggest otherwise.
            errors(b, r);
            b.append("++++ Statistics\n");
            times(b, r);
            b.append("Detected ").append(r.errors().size()).append(" errors\n");
            b.append('\n').append(verdict(r)).append('\n');
            return b.toString();
        }
        PlanPrinter.mappings(b, r);
        switch (r.mode()) {
            case JUST_CONNECT ->
                b.append("++++ --justconnect: both servers answered (banners and capabilities"
                        + " above); no login, nothing read.\n");
            case JUST_LOGIN -> b.append("++++ --justlogin: both logins succeeded; nothing read.\n");
            case JUST_FOLDERS -> PlanPrinter.folderListing(b, r);
            case JUST_FOLDER_SIZES -> PlanPrinter.folderSizes(b, r);
            case DRY_RUN -> {
                PlanPrinter.preview(b, r);
                statistics(b, r, c);
            }
            case COPY -> statistics(b, r, c);
        }
        if (!r.mode().comparesMessages()) {
            b.append("Detected ").append(r.errors().size()).append(" errors\n");
            errors(b, r);
            b.append('\n').append(verdict(r)).append('\n');
        }
        return b.toString();
    }

    private void statistics(StringBuilder b, SyncReport r, Context c) {
        boolean dry = r.mode() == SyncReport.Mode.DRY_RUN;
        b.append("++++ Statistics\n");
        double seconds = times(b, r);
        long foldersDone = r.folders().stream().filter(f -> f.failed() == 0).count();
        line(
                b,
                "Folders synced",
                dry
                        ? "0/" + r.folders().size() + " synced (dry run)"
                        : foldersDone + "/" + r.folders().size() + " synced");
        long copied = r.copied();
        line(b, "Messages transferred", dry ? "0 (could be " + r.wouldCopy() + " without dry mode)" : "" + copied);
        line(b, "Messages skipped", "" + r.skipped());
        // imapsync counts here the messages it skips as duplicates or as unidentifiable. imapferry
        // skips none of them and does not look for them: NA, since 0 would claim none was found.
        for (String label : List.of(
                "Messages found duplicate on host1",
                "Messages found duplicate on host2",
                "Messages found crossduplicate on host2",
                "Messages void (noheader) on host1",
                "Messages void (noheader) on host2")) {
            line(b, label, "NA");
        }
        FinalCheck check = FinalCheck.of(r);
        // A run that compared no folder (all as the last run left them) found nothing either way.
        boolean compared = check.compared() > 0;
        line(b, "Messages found in host1 not in host2", (compared ? "" + check.missing() : "NA") + " messages");
        line(
                b,
                "Messages found in host2 not in host1",
                (!compared || check.extra() < 0 ? "NA" : "" + check.extra()) + " messages");
        line(b, "Messages deleted on host1", "" + r.deletedOnSource());
        line(
                b,
                "Messages deleted on host2",
                dry ? "0 (could be " + r.wouldDelete() + " without dry mode)" : "" + r.deletedOnTarget());
        long bytes = dry ? 0 : r.bytesCopied();
        line(b, "Total bytes transferred", bytes + " (" + bytesDisplay(bytes) + ")");
        // The bytes of the skipped messages: what a folder holds less what its plan was to copy
        // (or what it copied, for a report that kept no plan, as a watch's merged passes). A
        // folder that skipped nothing (stopped before its plan, say) adds nothing: its bytes were
        // not copied, not skipped.
        long skippedBytes = r.folders().stream()
                .filter(f -> f.skipped() > 0)
                .mapToLong(
                        f -> Math.max(0, f.bytesFound() - Math.max(f.planned().bytes(), f.bytesCopied())))
                .sum();
        line(b, "Total bytes skipped", skippedBytes + " (" + bytesDisplay(skippedBytes) + ")");
        double rate = seconds > 0 ? (dry ? 0 : copied) / seconds : 0;
        line(b, "Message rate", String.format(Locale.ROOT, "%.1f messages/s", rate));
        double kib = seconds > 0 ? bytes / 1024.0 / seconds : 0;
        line(b, "Average bandwidth rate", String.format(Locale.ROOT, "%.1f KiB/s", kib));
        line(b, "Reconnections to host1", "" + r.reconnections().host1());
        line(b, "Reconnections to host2", "" + r.reconnections().host2());
        ProcessFacts p = c.process();
        line(
                b,
                "Memory consumption at the end",
                String.format(
                        Locale.ROOT,
                        "%.1f MiB (*time %.1f MiB*h) (started with %.1f MiB)",
                        p.memoryEndMiB(),
                        p.memoryEndMiB() * seconds / 3600.0,
                        p.memoryStartMiB()));
        line(
                b,
                "Load end is",
                (p.loadAverage() < 0 ? "NA" : String.format(Locale.ROOT, "%.2f", p.loadAverage())) + " on " + p.cores()
                        + " cores");
        line(b, "CPU time and %cpu", cpu(p));
        line(
                b,
                "Biggest message transferred",
                c.biggestMessage() + " bytes (" + bytesDisplay(c.biggestMessage()) + ")");
        line(
                b,
                "Memory/biggest message ratio",
                c.biggestMessage() > 0
                        ? String.format(Locale.ROOT, "%.1f", p.memoryEndMiB() * 1024 * 1024 / c.biggestMessage())
                        : "NA");
        line(b, "Start difference host2 - host1", difference(r.sourceSize(), r.targetSizeBefore()));
        line(b, "Final difference host2 - host1", difference(r.sourceSize(), r.targetSizeAfter()));
        // Lines imapsync lacks.
        line(b, "Connections used", "" + r.connectionsUsed());
        line(b, "Peak memory", String.format(Locale.ROOT, "%.1f MiB", p.memoryPeakMiB()));
        line(b, "Messages copied without a Message-ID", "" + r.messagesWithoutMessageId());
        line(
                b,
                "Differences found by the final check",
                compared ? "" + (check.missing() + Math.max(0, check.extra())) : "NA");
        // After a stop, most of these were never tried: "failed" would say more than is known.
        line(b, r.stopped() ? "Messages not copied (run stopped)" : "Messages failed", "" + r.failed());
        closing(b, r, check);
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
        return String.format(
                Locale.ROOT, "%.2f sec %.1f %%cpu %.1f %%allcpus", p.cpuSeconds(), pct, pct / Math.max(1, p.cores()));
    }

    private double times(StringBuilder b, SyncReport r) {
        double seconds = Math.max(r.elapsed().toMillis() / 1000.0, 0.0);
        line(b, "Transfer started on", DATE.format(r.started().atZone(zone)));
        line(b, "Transfer ended on", DATE.format(r.finished().atZone(zone)));
        line(b, "Transfer time", String.format(Locale.ROOT, "%.1f sec", seconds));
        return seconds;
    }

    /** Whether the run got past connecting and logging in: an account-level error means it did not. */
    private static boolean reachedAccounts(SyncReport r) {
        return r.errors().stream()
                .noneMatch(e -> e.folder() == null
                        && switch (e.kind()) {
                            case CONNECTION_SOURCE,
                                    CONNECTION_TARGET,
                                    AUTHENTICATION_SOURCE,
                                    AUTHENTICATION_TARGET,
                                    TLS -> true;
                            default -> false;
                        });
    }

    private static void closing(StringBuilder b, SyncReport r, FinalCheck check) {
        if (!check.unchanged().isEmpty()) {
            b.append(check.unchanged().size())
                    .append(" folders skipped as unchanged since the last run (not read): ")
                    .append(String.join(", ", check.unchanged()))
                    .append('\n');
        }
        if (!check.notChecked().isEmpty()) {
            b.append(check.notChecked().size())
                    .append(" folders could not be checked (not read on both sides): ")
                    .append(String.join(", ", check.notChecked()))
                    .append('\n');
        }
        if (nothingRead(r)) {
            b.append("No message was compared: every folder is as the last run left it.\n");
        } else {
            verdicts(b, r, check);
        }
        b.append("Detected ").append(r.errors().size()).append(" errors\n");
        errors(b, r);
        b.append('\n').append(verdict(r)).append('\n');
    }

    /** Every folder was skipped as unchanged: this run read no message, and may claim nothing of them. */
    private static boolean nothingRead(SyncReport r) {
        return !r.folders().isEmpty() && r.folders().stream().allMatch(SyncReport.FolderReport::skippedUnchanged);
    }

    /** imapsync's closing lines, over the folders this run read on both sides. */
    private static void verdicts(StringBuilder b, SyncReport r, FinalCheck check) {
        long identified = check.identifiedOnHost1();
        // An error without a UID stopped a whole folder or the account: its messages were never counted.
        long uncounted = r.errors().stream().filter(e -> e.uid() == 0).count();
        if (check.missing() == 0 && uncounted > 0) {
            b.append("The sync is not finished: ")
                    .append(uncounted)
                    .append(uncounted == 1 ? " error" : " errors")
                    .append(" listed below stopped a whole folder or the account, whose messages are not counted"
                            + " here.\n");
        } else if (check.missing() == 0) {
            b.append("The sync looks good, all ")
                    .append(identified)
                    .append(" identified messages in host1 are on host2.\n");
        } else {
            b.append("The sync is not finished, there are ")
                    .append(check.missing())
                    .append(" among ")
                    .append(identified)
                    .append(" identified messages in host1 that are not on host2.\n");
        }
        b.append("There is no unidentified message on host1.\n");
        if (check.extra() == 0) {
            b.append("The sync is strict, all ")
                    .append(check.onHost2())
                    .append(" identified messages in host2 are on host1.\n");
        } else if (check.extra() > 0) {
            b.append("The sync is not strict, there are ")
                    .append(check.extra())
                    .append(" among ")
                    .append(check.onHost2())
                    .append(" identified messages in host2 that are not on host1.")
                    .append(
                            r.mode() == SyncReport.Mode.DRY_RUN && r.wouldDelete() > 0
                                    ? " The same command without --dry deletes " + r.wouldDelete() + " of them.\n"
                                    : " Use --delete2 and sync again to delete them and have a strict sync.\n");
        }
    }

    private static void errors(StringBuilder b, SyncReport r) {
        List<SyncReport.SyncError> errors = r.errors();
        if (errors.isEmpty()) {
            return;
        }
        b.append("\n++++ Listing ").append(errors.size()).append(" errors encountered during the sync.\n");
        for (int i = 0; i < errors.size(); i++) {
            SyncReport.SyncError e = errors.get(i);
            b.append("Err ")
                    .append(i + 1)
                    .append('/')
                    .append(errors.size())
                    .append(": ")
                    .append(e.kind());
            if (e.folder() != null) {
                b.append(" folder ").append(e.folder());
            }
            if (e.uid() != 0) {
                b.append(" UID ").append(e.uid());
            }
            b.append(": ").append(e.message()).append('\n');
        }
    }

    /** The plain closing sentence: it claims a complete sync only for a run that copied. */
    public static String verdict(SyncReport r) {
        ExitCode code = ExitCode.of(r);
        String failed = code.success() ? "." : ", and there were errors (" + code.meaning() + ").";
        switch (r.mode()) {
            case JUST_CONNECT:
                return "--justconnect: connected to both servers, nothing else was done" + failed;
            case JUST_LOGIN:
                return "--justlogin: logged in on both servers, nothing else was done" + failed;
            case JUST_FOLDERS:
                return "--justfolders: folders only, no message was compared or copied" + failed;
            case JUST_FOLDER_SIZES:
                return "--justfoldersizes: folder sizes only, nothing was compared, created or copied" + failed;
            case DRY_RUN:
                return code.success()
                        ? "Dry run: nothing was changed. A real run would copy " + r.wouldCopy() + " messages"
                                + (r.wouldDelete() > 0 ? " and delete " + r.wouldDelete() + " on host2." : ".")
                        : "Dry run: nothing was changed" + failed;
            default:
                break;
        }
        if (code.success() && nothingRead(r)) {
            return "The sync is complete: no folder changed on either side since the last run.";
        }
        long unchanged = r.folders().stream()
                .filter(SyncReport.FolderReport::skippedUnchanged)
                .count();
        if (code.success() && unchanged > 0) {
            // Those folders were not read: what is known of them is that both sides' STATUS is what
            // the run that completed them recorded.
            return "The sync is complete: every selected message of host1 in the folders read is on host2, and "
                    + unchanged + " folders are as the run that completed them left them on both sides.";
        }
        if (code.success()) {
            return "The sync is complete: every selected message of host1 is on host2.";
        }
        if (code == ExitCode.BY_SIGNAL) {
            return "The sync was interrupted by a signal and is NOT complete: " + r.copied() + " messages were copied"
                    + " before it stopped. Run the same command again; it copies only what is missing.";
        }
        if (code == ExitCode.WITH_ERRORS_MAX) {
            return "The sync is NOT complete: it was stopped after "
                    + r.errors().size()
                    + " errors (--errorsmax). Fix the cause and run the same command again; it copies only what is"
                    + " missing.";
        }
        if (r.aborted()) {
            return "The sync is NOT complete: it was stopped (" + code.meaning() + ").";
        }
        return "The sync is NOT complete: it finished with " + r.errors().size() + " errors and " + r.failed()
                + " messages not copied. Run the same command again to retry them.";
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
        return new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString() + " " + units[u];
    }
}
