package org.imapferry.protocol.command;

import java.util.List;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;

/**
 * One message of an APPEND: its flags, date and literal announcement. Exactly {@code length}
 * bytes of {@link org.imapferry.protocol.literal.LiteralChunk}s must follow.
 *
 * <pre>
 * append-opts = [SP flag-list] [SP date-time]
 * append-data = literal / literal8                          (RFC 3516 §4.2: "~{" number ["+"] "}")
 * </pre>
 *
 * @param date   INTERNALDATE to set, or null for "now"
 * @param binary a {@code ~{n}} literal8, which may carry NUL bytes (needs BINARY)
 */
public record AppendMessage(List<Flag> flags, ImapDateTime date, long length, boolean binary, LiteralMode mode)
        implements CommandPart {
    public AppendMessage {
        if (length < 0) {
            throw new IllegalArgumentException("negative literal length " + length);
        }
        if (flags.contains(Flag.RECENT)) {
            throw new IllegalArgumentException("\\Recent cannot be set by a client (RFC 3501 §2.3.2)");
        }
        flags = List.copyOf(flags);
    }
}
