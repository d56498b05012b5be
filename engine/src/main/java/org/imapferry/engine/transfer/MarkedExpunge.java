package org.imapferry.engine.transfer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.response.SearchData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;

/**
 * Marks messages {@code \Deleted} and expunges exactly them. With UIDPLUS that is
 * {@code UID EXPUNGE} (RFC 4315 §2.1). Without it only a plain EXPUNGE exists, which "permanently
 * removes all messages that have the \Deleted flag set" (RFC 3501 §6.4.3), so a message a user had
 * marked {@code \Deleted} themselves would go too: then nothing is expunged and ours stay marked.
 */
final class MarkedExpunge {
    /** What became of the messages. */
    sealed interface Outcome permits Removed, Kept, Failed {}

    /** Marked and expunged. */
    record Removed(int count) implements Outcome {}

    /**
     * Marked {@code \Deleted} but not expunged.
     *
     * @param othersMarked messages this run did not mark that carry {@code \Deleted}, the reason no
     *                     EXPUNGE was sent; 0 when no expunge was asked for
     */
    record Kept(int count, int othersMarked) implements Outcome {
        String reason() {
            return "not expunged: the server has no UIDPLUS (RFC 4315), and its EXPUNGE would also remove "
                    + othersMarked + " message(s) marked \\Deleted by someone else; the " + count
                    + " message(s) to remove stay marked \\Deleted";
        }
    }

    /** A STORE, SEARCH or EXPUNGE was refused. */
    record Failed(String message) implements Outcome {}

    private MarkedExpunge() {}

    /** The selected (read-write) folder's messages by UID; only marked when {@code expunge} is false. */
    static Outcome remove(ImapSession session, List<Long> uids, boolean expunge) {
        if (uids.isEmpty()) {
            return new Removed(0);
        }
        SequenceSet set = SequenceSet.of(uids);
        try {
            session.run(ImapCommands.uidStore(set, UidStore.Mode.ADD, List.of(Flag.DELETED)));
            if (!expunge) {
                return new Kept(uids.size(), 0);
            }
            if (session.has(Capability.UIDPLUS)) {
                session.run(ImapCommands.uidExpunge(set));
                return new Removed(uids.size());
            }
            Set<Long> marked = new HashSet<>();
            for (SearchData d : session.run(ImapCommands.uidSearch("DELETED")).all(SearchData.class)) {
                marked.addAll(d.numbers());
            }
            marked.removeAll(uids);
            if (!marked.isEmpty()) {
                return new Kept(uids.size(), marked.size());
            }
            session.run(ImapCommands.expunge());
            return new Removed(uids.size());
        } catch (ImapCommandException e) {
            return new Failed(e.getMessage());
        }
    }
}
