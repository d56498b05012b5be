package org.imapferry.engine.transfer;

import java.util.List;
import java.util.Map;
import org.imapferry.engine.state.SyncState;
import org.imapferry.protocol.types.Flag;

/**
 * What a folder pass read before deciding anything: the messages of both sides, the pairs the
 * state file knows, and the flags of known source messages where the source was read only in part.
 *
 * @param known            the state's pairs by source UID; empty without a usable state
 * @param knownSourceFlags the flags of known source messages (UIDs up to the last run's highest),
 *                         used only when the source was not read whole
 * @param knownTargetFlags the flags of known target messages, for --resyncflags, used only when the
 *                         target was not read whole
 */
record FolderFacts(
        Side source,
        Side target,
        Map<Long, SyncState.MessagePair> known,
        KnownFlags knownSourceFlags,
        Map<Long, List<Flag>> knownTargetFlags) {

    /**
     * One side's messages as read.
     *
     * @param whole            every message of the folder, not only those above a UID
     * @param messagesInFolder the folder's EXISTS count
     */
    record Side(List<MessageMeta> messages, boolean whole, long messagesInFolder) {
        static Side whole(List<MessageMeta> messages, long messagesInFolder) {
            return new Side(List.copyOf(messages), true, messagesInFolder);
        }

        static Side above(List<MessageMeta> messages, long messagesInFolder) {
            return new Side(List.copyOf(messages), false, messagesInFolder);
        }
    }

    /**
     * Flags of known messages by UID.
     *
     * @param complete every message that still exists is in the map (no CHANGEDSINCE), so a missing
     *                 UID means the message is gone
     */
    record KnownFlags(Map<Long, List<Flag>> flags, boolean complete) {
        static final KnownFlags NONE = new KnownFlags(Map.of(), false);
    }
}
