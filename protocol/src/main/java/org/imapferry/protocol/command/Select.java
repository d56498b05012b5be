package org.imapferry.protocol.command;

import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.SequenceSet;

/**
 * SELECT, or EXAMINE when {@code readOnly}.
 *
 * <pre>
 * select = "SELECT" SP mailbox [select-params]
 * select-param =/ "CONDSTORE"                                                  (RFC 7162 §3.1.8)
 * select-param =/ "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] ")"   (§3.2.5)
 * </pre>
 *
 * @param qresync QRESYNC parameters, or null
 */
public record Select(MailboxName mailbox, boolean readOnly, boolean condStore, Qresync qresync) implements ImapCommand {
    /** @param knownUids may be null */
    public record Qresync(long uidValidity, long modSeq, SequenceSet knownUids) {}

    @Override
    public String name() {
        return readOnly ? "EXAMINE" : "SELECT";
    }
}
