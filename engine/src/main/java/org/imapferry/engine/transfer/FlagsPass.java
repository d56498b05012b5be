package org.imapferry.engine.transfer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;

/**
 * The flags of messages already known, by UID: {@code UID FETCH 1:n (UID FLAGS)}, or with
 * CONDSTORE only those changed since a mod-sequence ({@code CHANGEDSINCE}, RFC 7162 §3.1.4.1).
 */
final class FlagsPass {
    private FlagsPass() {}

    /** The FETCH sent, not waited for; nothing is sent when no UID is known. */
    static Pending request(ImapSession session, long lastUid, Long changedSince) {
        if (lastUid < 1) {
            return new Pending(session, lastUid, null);
        }
        UidFetch fetch = changedSince == null
                ? ImapCommands.uidFetch(SequenceSet.of(1, lastUid), "UID", "FLAGS")
                : ImapCommands.uidFetchChangedSince(SequenceSet.of(1, lastUid), changedSince, "UID", "FLAGS");
        return new Pending(session, lastUid, session.submit(fetch));
    }

    /** A flags FETCH on its way. */
    record Pending(ImapSession session, long lastUid, CompletableFuture<CommandResult> sent) {
        /** Waits for the answer: the flags by UID. */
        Map<Long, List<Flag>> flags() {
            Map<Long, List<Flag>> flags = new HashMap<>();
            if (sent == null) {
                return flags;
            }
            for (FetchData data : session.await(sent, "UID FETCH").all(FetchData.class)) {
                if (data.uid() != null && data.uid() <= lastUid && data.flags() != null) {
                    flags.put(data.uid(), data.flags());
                }
            }
            return flags;
        }
    }
}
