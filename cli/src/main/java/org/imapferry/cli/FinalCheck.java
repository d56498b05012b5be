package org.imapferry.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imapferry.engine.SyncReport;

/**
 * The final check, over the folders this run read on both sides only: a folder skipped as
 * unchanged or stopped by an error was not compared, so its messages are in no difference.
 *
 * @param extra    -1 when a read folder's size on either side is unknown
 * @param compared the folders read on both sides: none, and the check found nothing, it looked at nothing
 */
record FinalCheck(
        long missing,
        long extra,
        long identifiedOnHost1,
        long onHost2,
        List<String> unchanged,
        List<String> notChecked,
        int compared) {
    static FinalCheck of(SyncReport r) {
        boolean dry = r.mode() == SyncReport.Mode.DRY_RUN;
        Map<String, SyncReport.PlannedFolder> plan = new HashMap<>();
        r.plan().forEach(p -> plan.put(p.source(), p));
        long missing = 0;
        long extra = 0;
        long identified = 0;
        long onHost2 = 0;
        List<String> unchanged = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        int compared = 0;
        for (SyncReport.FolderReport f : r.folders()) {
            if (f.skippedUnchanged()) {
                unchanged.add(f.source());
                continue;
            }
            if (f.stopped()) {
                notChecked.add(f.source());
                continue;
            }
            compared++;
            missing += dry ? f.planned().copy() + f.failed() : f.failed();
            identified += f.found();
            SyncReport.PlannedFolder p = plan.get(f.source());
            if (p == null || p.sourceSize().messages() < 0 || p.targetSize().messages() < 0 || extra < 0) {
                extra = -1;
                continue;
            }
            long expected = dry
                    ? p.sourceSize().messages() - f.planned().copy() - f.failed()
                    : p.sourceSize().messages() - f.failed();
            extra += Math.max(0, p.targetSize().messages() - expected);
            onHost2 += p.targetSize().messages();
        }
        return new FinalCheck(missing, extra, identified, onHost2, unchanged, notChecked, compared);
    }
}
