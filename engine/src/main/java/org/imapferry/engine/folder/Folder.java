package org.imapferry.engine.folder;

import java.util.List;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.types.MailboxName;

/**
 * A mailbox as LIST shows it.
 *
 * @param delimiter the hierarchy delimiter, or null for a flat namespace
 * @param specialUse the RFC 6154 attribute (\Sent, \Drafts ...) or null
 */
public record Folder(MailboxName name, Character delimiter, boolean selectable, boolean subscribed, String specialUse) {
    static final List<String> SPECIAL_USES =
            List.of("\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive", "\\All", "\\Flagged");

    static Folder of(ListData list, boolean subscribed) {
        String use = null;
        for (String attribute : list.attributes()) {
            for (String candidate : SPECIAL_USES) {
                if (candidate.equalsIgnoreCase(attribute)) {
                    use = candidate;
                }
            }
        }
        return new Folder(
                list.mailbox(), list.delimiter(), list.isSelectable(), subscribed || list.has("\\Subscribed"), use);
    }
}
