package org.imapferry.engine.transfer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static Map<Long, List<Flag>> fetch(ImapSession session, long lastUid, Long changedSince) {
        Map<Long, List<Flag>> flags = new HashMap<>();
        if (lastUid < 1) {
            return flags;
        }
        UidFetch fetch = changedSince == null
                ? ImapCommands.uidFetch(SequenceSet.of(1, lastUid), "UID", "FLAGS")
                : ImapCommands.uidFetchChangedSince(SequenceSet.of(1, lastUid), changedSince, "UID", "FLAGS");
        for (FetchData data : session.run(fetch).all(FetchData.class)) {
            if (data.uid() != null && data.uid() <= lastUid && data.flags() != null) {
                flags.put(data.uid(), data.flags());
            }
        }
        return flags;
    }
}
