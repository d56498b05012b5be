package org.imapferry.protocol.command;

import org.imapferry.protocol.types.Tag;

/** A command with the tag the pipeline gave it. */
public record TaggedCommand(Tag tag, ImapCommand command) implements CommandPart {
    @Override
    public String toString() {
        return tag + " " + command;
    }
}
