package org.imapferry.protocol.command;

import org.imapferry.protocol.types.MailboxName;

/** <pre>subscribe = "SUBSCRIBE" SP mailbox</pre>  (RFC 3501 §9) */
public record Subscribe(MailboxName mailbox) implements ImapCommand {
    @Override
    public String name() {
        return "SUBSCRIBE";
    }
}
