package org.imapferry.protocol.response;

import java.util.Map;
import java.util.OptionalLong;
import org.imapferry.protocol.types.MailboxName;

/**
 * <pre>
 * mailbox-data =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"
 * status-att-list = status-att SP number *(SP status-att SP number)
 * </pre>
 * (RFC 3501 §9). Attribute names are upper-cased (MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN,
 * HIGHESTMODSEQ, SIZE, ...).
 */
public record StatusData(MailboxName mailbox, Map<String, Long> attributes) implements ImapResponse {
    public StatusData {
        attributes = Map.copyOf(attributes);
    }

    public OptionalLong get(String attribute) {
        Long v = attributes.get(attribute);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
