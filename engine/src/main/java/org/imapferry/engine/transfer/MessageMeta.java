package org.imapferry.engine.transfer;

import java.util.List;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;

/** What the metadata pass learns of a message; its body is never part of it. */
public record MessageMeta(
        long sequenceNumber, long uid, List<Flag> flags, ImapDateTime internalDate, long size, MessageKey key) {
    /** The same message as another session numbers it (sequence numbers are per session). */
    MessageMeta withSequenceNumber(long number) {
        return new MessageMeta(number, uid, flags, internalDate, size, key);
    }
}
