package org.imapferry.cli;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.imapferry.engine.SyncReport;

/**
 * The folder plan as a run read it: the mapping rules that renamed folders, the --justfolders
 * listing, the --justfoldersizes sizes and a dry run's preview. Each says only what the run saw
 * or would do, never that messages are in sync.
 */
final class PlanPrinter {
    private PlanPrinter() {}

    /** What --automap, --regextrans2 and --f1f2 (and the presets, through them) did: one line each. */
    static void mappings(StringBuilder b, SyncReport r) {
        if (r.plan().stream().anyMatch(p -> !p.mapping().isEmpty())) {
            b.append("++++ Folder mapping\n");
            r.plan().forEach(p -> p.mapping().forEach(m -> b.append(m).append('\n')));
        }
    }

    /** --justfolders: each folder, its target and what became of it, as imapsync lists them. */
    static void folderListing(StringBuilder b, SyncReport r) {
        b.append("++++ Folders: ").append(r.plan().size()).append(" on host1, mapped to host2\n");
        for (SyncReport.PlannedFolder p : r.plan()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%-30s -> %-30s %s\n",
                    "[" + p.source() + "]",
                    "[" + p.target() + "]",
                    switch (p.targetFolder()) {
                        case EXISTED -> "exists on host2";
                        case CREATED -> "created on host2";
                        case WOULD_CREATE -> "would be created on host2 (dry run)";
                        case NOT_CREATED -> "could not be created on host2";
                    }));
        }
        long created = r.plan().stream()
                .filter(p -> p.targetFolder() == SyncReport.TargetFolder.CREATED)
                .count();
        b.append("--justfolders: ")
                .append(created)
                .append(" folders created on host2; no message was read or" + " copied.\n");
    }

    /** --justfoldersizes: imapsync's "Host1 folder ... Size: ... Messages: ..." lines and totals, per side. */
    static void folderSizes(StringBuilder b, SyncReport r) {
        for (int side = 1; side <= 2; side++) {
            List<SyncReport.PlannedFolder> plan = r.plan();
            b.append("++++ Calculating sizes of ")
                    .append(plan.size())
                    .append(" folders on host")
                    .append(side)
                    .append('\n');
            long messages = 0;
            long bytes = 0;
            boolean bytesKnown = true;
            int n = 0;
            for (SyncReport.PlannedFolder p : plan) {
                n++;
                String name = side == 1 ? p.source() : p.target();
                SyncReport.FolderSize size = side == 1 ? p.sourceSize() : p.targetSize();
                if (size.messages() < 0) {
                    b.append(String.format(
                            Locale.ROOT, "Host%d folder %6s [%s] does not exist\n", side, n + "/" + plan.size(), name));
                    continue;
                }
                messages += size.messages();
                bytes += Math.max(0, size.bytes());
                bytesKnown &= size.bytes() >= 0;
                b.append(String.format(
                        Locale.ROOT,
                        "Host%d folder %6s %-35s Size: %12s Messages: %7d\n",
                        side,
                        n + "/" + plan.size(),
                        "[" + name + "]",
                        size.bytes() < 0 ? "NA" : "" + size.bytes(),
                        size.messages()));
            }
            b.append(String.format(Locale.ROOT, "Host%d Nb folders: %15d folders\n", side, plan.size()));
            b.append(String.format(Locale.ROOT, "Host%d Nb messages: %14d messages\n", side, messages));
            String total = bytesKnown
                    ? bytes + " bytes (" + StatisticsPrinter.bytesDisplay(bytes) + ")"
                    : "NA (a folder could not be measured)";
            b.append(String.format(Locale.ROOT, "Host%d Total size: %15s\n", side, total));
        }
    }

    /** A dry run: what a real run would create, copy, change and remove, named. */
    static void preview(StringBuilder b, SyncReport r) {
        b.append("++++ Dry run: nothing was written; a real run would do this\n");
        for (SyncReport.PlannedFolder p : r.plan()) {
            if (p.targetFolder() == SyncReport.TargetFolder.WOULD_CREATE) {
                b.append("Would create folder [")
                        .append(p.target())
                        .append("] on host2 for [")
                        .append(p.source())
                        .append("]\n");
            }
        }
        int idle = 0;
        for (SyncReport.FolderReport f : r.folders()) {
            SyncReport.Planned planned = f.planned();
            boolean work = planned.copy() + planned.flagUpdates() + planned.deletions() > 0;
            if (!f.skippedUnchanged() && !f.stopped() && !work) {
                idle++;
                continue;
            }
            b.append("Folder [")
                    .append(f.source())
                    .append("] -> [")
                    .append(f.target())
                    .append("]: ");
            if (f.skippedUnchanged()) {
                b.append("unchanged since the last run, not read\n");
            } else if (f.stopped()) {
                b.append("not read (").append(String.join("; ", f.notes())).append(")\n");
            } else {
                b.append("would copy ")
                        .append(planned.copy())
                        .append(" messages, change the flags of ")
                        .append(planned.flagUpdates())
                        .append(", delete ")
                        .append(planned.deletions())
                        .append(" on host2")
                        .append(named(planned))
                        .append('\n');
            }
        }
        if (idle > 0) {
            b.append(idle).append(" other folders read: nothing to copy, flag or delete\n");
        }
        for (String folder : r.removedFolders()) {
            b.append("Would delete folder [").append(folder).append("] on host2 (--delete2folders)\n");
        }
    }

    /** The host2 UIDs of the messages --delete2 would remove, the first {@link SyncReport.Planned#NAMED}. */
    private static String named(SyncReport.Planned planned) {
        List<Long> uids = planned.firstDeletions();
        if (uids.isEmpty()) {
            return "";
        }
        long more = planned.deletions() - uids.size();
        return " (UID " + uids.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (more > 0 ? ", and " + more + " more" : "") + ")";
    }
}
