package org.imapferry.protocol.command;

import org.imapferry.protocol.types.MailboxName;

/** <pre>delete = "DELETE" SP mailbox</pre>  (RFC 3501 §9) */
public record Delete(MailboxName mailbox) implements ImapCommand {
    @Override
    public String name() {
        return "DELETE";
    }
}
