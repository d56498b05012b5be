package org.imapferry.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;

/**
 * One pipelined STATUS per folder (RFC 3501 §6.3.10): message counts, UIDNEXT, UIDVALIDITY, and
 * HIGHESTMODSEQ (RFC 7162) and SIZE (RFC 8438) where offered. It sizes the account for the
 * progress display and the statistics block, and tells the second run which folders are unchanged.
 */
public final class FolderStatuses {
    private final Map<MailboxName, StatusData> byName;
    private final boolean hasSizes;

    private FolderStatuses(Map<MailboxName, StatusData> byName, boolean hasSizes) {
        this.byName = byName;
        this.hasSizes = hasSizes;
    }

    /** STATUS of every named folder that exists; folders the server refuses are left out. */
    public static FolderStatuses of(ImapSession session, List<MailboxName> folders) {
        List<String> items = new ArrayList<>(List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY"));
        if (session.has(Capability.CONDSTORE)) {
            items.add("HIGHESTMODSEQ");
        }
        boolean sizes = session.has(new Capability("STATUS=SIZE"));
        if (sizes) {
            items.add("SIZE");
        }
        List<CompletableFuture<CommandResult>> sent = new ArrayList<>();
        for (MailboxName folder : folders) {
            sent.add(session.submit(ImapCommands.status(folder, items)));
        }
        Map<MailboxName, StatusData> byName = new HashMap<>();
        for (int i = 0; i < folders.size(); i++) {
            try {
                StatusData data = session.await(sent.get(i), "STATUS").first(StatusData.class);
                if (data != null) {
                    byName.put(folders.get(i), data);
                }
            } catch (ImapCommandException e) {
                // A folder that cannot be read shows up when it is copied, with the server's words.
            }
        }
        return new FolderStatuses(byName, sizes);
    }

    public StatusData get(MailboxName folder) {
        return byName.get(folder);
    }

    /** The messages and bytes of all folders (bytes -1 without STATUS=SIZE). */
    public SyncReport.AccountSize total() {
        long messages = 0;
        long bytes = 0;
        for (StatusData data : byName.values()) {
            messages += data.get("MESSAGES").orElse(0);
            bytes += data.get("SIZE").orElse(0);
        }
        return new SyncReport.AccountSize(messages, hasSizes ? bytes : -1, byName.size());
    }
}
