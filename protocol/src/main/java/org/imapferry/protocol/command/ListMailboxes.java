package org.imapferry.protocol.command;

import java.util.List;

/**
 * <pre>
 * list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
 * </pre>
 * (RFC 5258 §6). Options are sent as given ("SUBSCRIBED", "SPECIAL-USE", "STATUS (MESSAGES)").
 *
 * @param reference the reference name, usually ""
 * @param pattern   the mailbox pattern with % and * wildcards, in wire form
 */
public record ListMailboxes(List<String> selectOptions, String reference, String pattern, List<String> returnOptions)
        implements ImapCommand {
    public ListMailboxes {
        selectOptions = List.copyOf(selectOptions);
        returnOptions = List.copyOf(returnOptions);
    }

    @Override
    public String name() {
        return "LIST";
    }
}
