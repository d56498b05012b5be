package org.imapferry.engine.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.Capability;

/**
 * The second run's shortcut: one pipelined STATUS per folder on each side (RFC 3501 §6.3.10),
 * and a folder whose numbers on both sides are what the last completed run left is not even
 * selected. UIDNEXT and MESSAGES change with any arrival or removal, HIGHESTMODSEQ with any flag
 * change where CONDSTORE exists; without CONDSTORE a flag-only change on the source is seen on
 * the next run that has anything else to do in that folder.
 */
public final class UnchangedFolders {
    private final ImapSession source;
    private final ImapSession target;
    private final SyncState state;

    public UnchangedFolders(ImapSession source, ImapSession target, SyncState state) {
        this.source = source;
        this.target = target;
        this.state = state;
    }

    /** The pairs that need work; a report line for each one skipped goes to {@code skipped}. */
    public List<FolderPair> filter(List<FolderPair> pairs, List<SyncReport.FolderReport> skipped,
                                   SyncListener listener) {
        if (state == null) {
            return pairs;
        }
        List<FolderPair> candidates = new ArrayList<>();
        List<CompletableFuture<CommandResult>> sourceStatus = new ArrayList<>();
        List<CompletableFuture<CommandResult>> targetStatus = new ArrayList<>();
        for (FolderPair pair : pairs) {
            if (pair.targetExists() && state.folder(pair.source().name().name(), pair.target().name()) != null) {
                candidates.add(pair);
                sourceStatus.add(source.submit(new Status(pair.source().name(), items(source))));
                targetStatus.add(target.submit(new Status(pair.target(), items(target))));
            }
        }
        List<FolderPair> work = new ArrayList<>(pairs);
        for (int i = 0; i < candidates.size(); i++) {
            FolderPair pair = candidates.get(i);
            FolderState last = state.folder(pair.source().name().name(), pair.target().name());
            StatusData s = source.await(sourceStatus.get(i), "STATUS").first(StatusData.class);
            StatusData t = target.await(targetStatus.get(i), "STATUS").first(StatusData.class);
            if (s != null && t != null && last.source().sameAs(MailboxStatus.of(s))
                    && last.target().sameAs(MailboxStatus.of(t))) {
                work.remove(pair);
                SyncReport.FolderReport report = new SyncReport.FolderReport(pair.source().name().name(),
                        pair.target().name(), last.source().messages(), 0, 0, 0, last.source().messages(), 0, 0, 0,
                        false, Duration.ZERO, List.of("unchanged since the last run"));
                skipped.add(report);
                listener.folderFinished(report);
            }
        }
        return work;
    }

    private static List<String> items(ImapSession session) {
        List<String> items = new ArrayList<>(List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY"));
        if (session.has(Capability.CONDSTORE)) {
            items.add("HIGHESTMODSEQ");
        }
        return items;
    }
}
