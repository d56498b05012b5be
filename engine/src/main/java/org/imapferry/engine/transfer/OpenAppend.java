package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.connection.CommandPipeline;

/**
 * The APPEND command being written to the target: one message, or with MULTIAPPEND (RFC 3502)
 * every message of a FETCH batch. Its one answer settles all of them. Event loop only.
 */
final class OpenAppend {
    private final CommandPipeline.Pending pending;
    private final List<MessageMeta> messages = new ArrayList<>();
    private long bytes;

    OpenAppend(CommandPipeline.Pending pending) {
        this.pending = pending;
    }

    void add(MessageMeta message, long length) {
        messages.add(message);
        bytes += length;
    }

    CommandPipeline.Pending pending() {
        return pending;
    }

    List<MessageMeta> messages() {
        return messages;
    }

    /** The message whose literal is being written. */
    MessageMeta last() {
        return messages.get(messages.size() - 1);
    }

    long bytes() {
        return bytes;
    }
}
