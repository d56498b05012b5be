package org.imapferry.engine.state;

import org.imapferry.protocol.response.StatusData;

/** The STATUS numbers that change when anything in a mailbox changes. */
public record MailboxStatus(long uidValidity, long uidNext, long messages, long highestModSeq) {
    public static MailboxStatus of(StatusData data) {
        return new MailboxStatus(
                data.get("UIDVALIDITY").orElse(0),
                data.get("UIDNEXT").orElse(0),
                data.get("MESSAGES").orElse(0),
                data.get("HIGHESTMODSEQ").orElse(0));
    }

    /**
     * Unchanged for certain: same UIDVALIDITY, UIDNEXT and count, and, where the server keeps
     * mod-sequences, the same HIGHESTMODSEQ (without CONDSTORE a flag change cannot be seen here).
     */
    public boolean sameAs(MailboxStatus other) {
        return other != null
                && uidValidity == other.uidValidity
                && uidNext == other.uidNext
                && messages == other.messages
                && highestModSeq == other.highestModSeq;
    }
}
