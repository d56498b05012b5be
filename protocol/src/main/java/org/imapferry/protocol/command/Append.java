package org.imapferry.protocol.command;

import org.imapferry.protocol.types.MailboxName;

/**
 * The start of an APPEND: the mailbox and the first message's header. The message bytes follow
 * as {@link org.imapferry.protocol.literal.LiteralChunk}s ending with a
 * {@link org.imapferry.protocol.literal.LastLiteralChunk}; with MULTIAPPEND further
 * {@link AppendMessage}s and their chunks follow; {@link AppendEnd} ends the command line.
 *
 * <pre>
 * append = "APPEND" SP mailbox 1*append-message                  (RFC 3502 §6)
 * append-message = append-opts SP append-data
 * </pre>
 */
public record Append(MailboxName mailbox, AppendMessage first) implements ImapCommand {
    @Override
    public String name() {
        return "APPEND";
    }
}
