package org.imapferry.protocol.command;

import java.util.List;
import org.imapferry.protocol.types.MailboxName;

/**
 * <pre>create = "CREATE" SP mailbox [create-params]</pre>  (RFC 3501 §9, RFC 4466 §2.2);
 * {@code specialUse} becomes {@code (USE (\Sent))} (RFC 6154 §3) when not empty.
 */
public record Create(MailboxName mailbox, List<String> specialUse) implements ImapCommand {
    public Create {
        specialUse = List.copyOf(specialUse);
    }

    @Override
    public String name() {
        return "CREATE";
    }
}
