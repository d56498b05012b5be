package org.imapferry.protocol.command;

import org.imapferry.protocol.types.SequenceSet;

/** <pre>uid-expunge = "UID" SP "EXPUNGE" SP sequence-set</pre>  (RFC 4315 §4) */
public record UidExpunge(SequenceSet uids) implements ImapCommand {
    @Override
    public String name() {
        return "UID EXPUNGE";
    }
}
