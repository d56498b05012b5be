package org.imapferry.engine.connection;

import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.types.SequenceSet;

/**
 * Fetches one message's body through the pipeline on the event loop, as the relay does, copying
 * the streamed chunks and releasing them.
 */
final class BodyFetch implements ResponseHandler {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean inBody;

    private BodyFetch() {}

    /** The bytes of {@code BODY.PEEK[]} of the message with this UID in the selected folder. */
    static byte[] body(ImapSession session, long uid) {
        BodyFetch handler = new BodyFetch();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        UidFetch fetch = new UidFetch(SequenceSet.of(uid), List.of("BODY.PEEK[]"), null, false);
        session.eventLoop().execute(() -> {
            CommandPipeline.Pending pending = session.pipeline().begin(fetch, handler);
            session.channel().writeAndFlush(new TaggedCommand(pending.tag(), fetch));
            pending.completion().whenComplete((ok, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(handler.body.toByteArray());
                }
            });
        });
        return session.await(done, "UID FETCH");
    }

    @Override
    public boolean offer(Object event) {
        if (event instanceof BodySectionStart) {
            inBody = true;
            return true;
        }
        if (event instanceof LiteralChunk chunk && inBody) {
            try {
                byte[] bytes = new byte[chunk.content().readableBytes()];
                chunk.content().getBytes(chunk.content().readerIndex(), bytes);
                body.writeBytes(bytes);
            } finally {
                ReferenceCountUtil.release(chunk);
            }
            return true;
        }
        return false;
    }
}
