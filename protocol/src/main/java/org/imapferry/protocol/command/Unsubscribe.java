package org.imapferry.protocol.command;

import org.imapferry.protocol.types.MailboxName;

/** <pre>unsubscribe = "UNSUBSCRIBE" SP mailbox</pre>  (RFC 3501 §9) */
public record Unsubscribe(MailboxName mailbox) implements ImapCommand {
    @Override
    public String name() {
        return "UNSUBSCRIBE";
    }
}
