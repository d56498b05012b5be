package org.imapferry.protocol.command;

import org.imapferry.protocol.types.MailboxName;

/** <pre>rename = "RENAME" SP mailbox SP mailbox</pre>  (RFC 3501 §9) */
public record Rename(MailboxName from, MailboxName to) implements ImapCommand {
    @Override
    public String name() {
        return "RENAME";
    }
}
