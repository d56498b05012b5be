package org.imapferry.protocol.command;

import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.SequenceSet;

/**
 * <pre>copy = "COPY" SP sequence-set SP mailbox</pre> under UID, or MOVE (RFC 6851 §3.1) when
 * {@code move}.
 */
public record UidCopy(SequenceSet uids, MailboxName mailbox, boolean move) implements ImapCommand {
    @Override
    public String name() {
        return move ? "UID MOVE" : "UID COPY";
    }
}
