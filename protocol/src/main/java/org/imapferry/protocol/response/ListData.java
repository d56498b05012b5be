package org.imapferry.protocol.response;

import java.util.List;
import java.util.Locale;
import org.imapferry.protocol.types.MailboxName;

/**
 * A LIST, LSUB or XLIST line.
 *
 * <pre>
 * mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
 *                [SP mbox-list-extended]
 * </pre>
 * (RFC 3501 §9, RFC 5258 §9). Attributes keep their wire spelling; {@link #has} compares
 * without case. SPECIAL-USE attributes (RFC 6154) are attributes like any other.
 *
 * @param kind      "LIST", "LSUB" or "XLIST"
 * @param delimiter the hierarchy delimiter, or null for NIL (a flat namespace)
 * @param mailbox   the name, or null for the empty name of the reply to {@code LIST "" ""}, which
 *                  only reports the delimiter (RFC 3501 §6.3.8)
 * @param oldName   the OLDNAME extended item (RFC 5465), or null
 */
public record ListData(
        String kind, List<String> attributes, Character delimiter, MailboxName mailbox, MailboxName oldName)
        implements ImapResponse {
    public ListData {
        attributes = List.copyOf(attributes);
    }

    public boolean has(String attribute) {
        String wanted = attribute.toLowerCase(Locale.ROOT);
        return attributes.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** \Noselect or \NonExistent: a container that holds no messages. */
    public boolean isSelectable() {
        return !has("\\Noselect") && !has("\\NonExistent");
    }
}
