package org.imapferry.engine.watch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.imapferry.engine.connection.CommandPipeline;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.Idle;
import org.imapferry.protocol.command.IdleDone;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.TaggedResponse;

/**
 * One IDLE command (RFC 2177): the server's untagged data goes to a consumer while it runs, and
 * DONE ends it. The untagged data is taken from the pipeline as a command's own, so none of it
 * reaches the session's handler of unsolicited data, which would only log and drop it.
 *
 * <pre>
 * C: A7 IDLE          S: + idling          S: * STATUS Sent (MESSAGES 3 UIDNEXT 9)   ...
 * C: DONE             S: A7 OK IDLE terminated
 * </pre>
 */
final class IdleExchange {
    private final ImapSession session;
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();
    private final CompletableFuture<TaggedResponse> completion = new CompletableFuture<>();

    private IdleExchange(ImapSession session) {
        this.session = session;
    }

    /**
     * Sends IDLE and waits for the server's continuation request.
     *
     * @param events called on the event loop with each untagged response while the IDLE runs
     * @throws ConnectionClosedException when the server refuses IDLE, closes, or does not answer in time
     */
    static IdleExchange start(ImapSession session, Consumer<ImapResponse> events, Duration timeout) {
        IdleExchange idle = new IdleExchange(session);
        session.eventLoop().execute(() -> {
            CommandPipeline pipeline = session.pipeline();
            CommandPipeline.Pending pending = pipeline.begin(new Idle(), event -> {
                if (event instanceof ImapResponse response) {
                    events.accept(response);
                    return true;
                }
                return false;
            });
            pending.completion().whenComplete((ok, error) -> {
                if (error != null) {
                    idle.completion.completeExceptionally(error);
                    idle.accepted.completeExceptionally(error);
                } else {
                    idle.completion.complete(ok);
                    // A server that answers OK at once never idled.
                    idle.accepted.completeExceptionally(new ConnectionClosedException(
                            session.name() + ": IDLE ended before the server accepted it", null));
                }
            });
            if (!pending.completion().isDone()) {
                pipeline.onContinuation(request -> idle.accepted.complete(null));
                session.channel().writeAndFlush(new TaggedCommand(pending.tag(), pending.command()));
            }
        });
        idle.await(idle.accepted, timeout, "IDLE");
        return idle;
    }

    /** Completes when the IDLE ends: after DONE, or exceptionally when the connection is lost. */
    CompletableFuture<TaggedResponse> ended() {
        return completion;
    }

    /** Sends DONE and waits for the IDLE's tagged answer. */
    void done(Duration timeout) {
        if (!completion.isDone()) {
            session.channel().writeAndFlush(new IdleDone());
        }
        await(completion, timeout, "DONE");
    }

    private <T> void await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConnectionClosedException closed) {
                throw closed;
            }
            session.channel().close();
            throw new ConnectionClosedException(
                    session.name() + ": " + what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            session.channel().close();
            throw new ConnectionClosedException(
                    session.name() + ": no answer to " + what + " within " + timeout.toSeconds()
                            + " s; the connection was closed",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.channel().close();
            throw new ConnectionClosedException(session.name() + ": interrupted while waiting for " + what, e);
        }
    }
}
