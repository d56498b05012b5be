package org.imapferry.engine.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.protocol.response.StatusData;

/**
 * The second run's shortcut: a folder whose STATUS on both sides is what the last completed run
 * left is not even selected. UIDNEXT and MESSAGES change with any arrival or removal,
 * HIGHESTMODSEQ with any flag change where CONDSTORE exists; without CONDSTORE a flag-only change
 * on the source is seen by the next run that has anything else to do in that folder.
 *
 * <p>Both sides must be as recorded: a message that vanished from the target changes its STATUS,
 * and the folder is then matched against the server again. With --delete2 a folder whose target
 * holds messages the state does not know (left by an earlier run without --delete2) is not
 * skipped either, so that they are matched against the source. Nor is a folder whose last run
 * selected messages otherwise, or by age or search ({@link SelectionFingerprint}): the messages
 * that run left out may be wanted now, with nothing on either side changed.
 */
public final class UnchangedFolders {
    private final SyncState state;
    private final boolean delete2;
    private final SelectionFingerprint selection;

    public UnchangedFolders(SyncState state, boolean delete2, SelectionFingerprint selection) {
        this.state = state;
        this.delete2 = delete2;
        this.selection = selection;
    }

    /** The pairs that need work; a report line for each one skipped goes to {@code skipped}. */
    public List<FolderPair> filter(
            List<FolderPair> pairs,
            FolderStatuses source,
            FolderStatuses target,
            List<SyncReport.FolderReport> skipped,
            SyncListener listener) {
        if (state == null) {
            return pairs;
        }
        List<FolderPair> work = new ArrayList<>();
        for (FolderPair pair : pairs) {
            FolderState last = pair.targetExists()
                    ? state.folder(pair.source().name().name(), pair.target().name())
                    : null;
            StatusData s = source.get(pair.source().name());
            StatusData t = target.get(pair.target());
            if (last != null
                    && s != null
                    && t != null
                    && last.source().sameAs(MailboxStatus.of(s))
                    && last.target().sameAs(MailboxStatus.of(t))
                    && SelectionFingerprint.allowsIncremental(last.selection(), selection)
                    && !(delete2 && unknownOnTarget(pair, last))) {
                SyncReport.FolderReport report = new SyncReport.FolderReport(
                        pair.source().name().name(),
                        pair.target().name(),
                        last.source().messages(),
                        s.get("SIZE").orElse(0),
                        0,
                        0,
                        last.source().messages(),
                        0,
                        0,
                        0,
                        false,
                        Duration.ZERO,
                        List.of("unchanged since the last run"),
                        SyncReport.Planned.NONE,
                        true,
                        false);
                skipped.add(report);
                listener.folderFinished(report);
            } else {
                work.add(pair);
            }
        }
        return work;
    }

    private boolean unknownOnTarget(FolderPair pair, FolderState last) {
        return state.pairs(pair.source().name().name(), pair.target().name()).size()
                < last.target().messages();
    }
}
