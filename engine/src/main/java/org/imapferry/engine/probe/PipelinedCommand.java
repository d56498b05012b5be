package org.imapferry.engine.probe;

import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.CommandPipeline;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.response.TaggedResponse;

/** Sends a command whose untagged answer goes to a handler of the probe's own, not to a collector. */
final class PipelinedCommand {
    private PipelinedCommand() {}

    /** Event loop only: registers and writes the command; the caller flushes. */
    static CommandPipeline.Pending write(ImapSession session, ImapCommand command, ResponseHandler handler) {
        CommandPipeline.Pending pending = session.pipeline().begin(command, handler);
        if (!pending.completion().isDone()) {
            session.channel().write(new TaggedCommand(pending.tag(), command));
        }
        return pending;
    }

    /** From any thread: sends the command and waits for its completion. */
    static TaggedResponse run(ImapSession session, ImapCommand command, ResponseHandler handler) {
        CompletableFuture<TaggedResponse> done = new CompletableFuture<>();
        session.eventLoop().execute(() -> {
            write(session, command, handler).completion().whenComplete((ok, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(ok);
                }
            });
            session.channel().flush();
        });
        return session.await(done, command.name());
    }
}
