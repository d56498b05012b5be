package org.imapferry.protocol.command;

import java.util.List;
import org.imapferry.protocol.types.MailboxName;

/** <pre>status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"</pre>  (RFC 3501 §9) */
public record Status(MailboxName mailbox, List<String> items) implements ImapCommand {
    public Status {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("STATUS needs at least one item");
        }
        items = List.copyOf(items);
    }

    @Override
    public String name() {
        return "STATUS";
    }
}
