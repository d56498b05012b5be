package org.imapferry.engine.connection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.imapferry.protocol.ImapClientCodec;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.ContinuationRequest;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.Tag;

/**
 * Keeps many commands in flight on one connection (RFC 3501 §5.5) and matches what comes back.
 *
 * <pre>
 * ... ─▶ ImapClientCodec ─▶ CommandPipeline ─▶ (session: unsolicited data)
 * </pre>
 *
 * Tags are assigned in order ("A1", "A2", ...); a tagged completion is matched by its tag, so
 * completions may come in any order. Continuation requests are served first in, first out, to
 * whoever registered for one. Untagged data is offered to the commands in flight, oldest first,
 * and what no command takes goes to the session. NO and BAD complete a command exceptionally
 * with an {@link ImapCommandException}; a BYE, a dropped connection or a decoder failure fails
 * every command in flight with a {@link ConnectionClosedException} naming the cause.
 *
 * <p>All state is touched only on the channel's event loop; callers on other threads go through
 * {@link ImapSession}, which hops onto it.
 */
public final class CommandPipeline extends ChannelDuplexHandler {
    /** A command in flight. */
    public static final class Pending {
        private final Tag tag;
        private final ImapCommand command;
        private final ResponseHandler handler;
        private final CompletableFuture<TaggedResponse> completion = new CompletableFuture<>();

        Pending(Tag tag, ImapCommand command, ResponseHandler handler) {
            this.tag = tag;
            this.command = command;
            this.handler = handler;
        }

        public Tag tag() {
            return tag;
        }

        public ImapCommand command() {
            return command;
        }

        public CompletableFuture<TaggedResponse> completion() {
            return completion;
        }
    }

    /** A write that waits for the APPEND open on the wire to end. */
    private record HeldWrite(Object message, ChannelPromise promise) {}

    private final Map<Tag, Pending> inFlight = new LinkedHashMap<>();
    /** The APPEND whose literal(s) are being written, or null: nothing else may go between its parts. */
    private Tag openAppend;

    private final Deque<HeldWrite> held = new ArrayDeque<>();
    private final Deque<Consumer<ContinuationRequest>> continuations = new ArrayDeque<>();
    private final Consumer<Object> unsolicited;
    private final CompletableFuture<UntaggedStatus> greeting = new CompletableFuture<>();
    private Runnable readComplete = () -> {};
    private Runnable writabilityChanged = () -> {};
    private long nextTag = 1;
    private volatile long lastRead = System.nanoTime();
    private volatile String byeText;
    private Throwable failure;

    /** @param unsolicited receives untagged data no command took; must release chunks it gets */
    public CommandPipeline(Consumer<Object> unsolicited) {
        this.unsolicited = unsolicited;
    }

    /** Completes with the server's first response: OK, PREAUTH or BYE. */
    public CompletableFuture<UntaggedStatus> greeting() {
        return greeting;
    }

    /**
     * Registers a command and gives it a tag; the caller writes it (and, for an APPEND, its
     * chunks). Event loop only.
     */
    public Pending begin(ImapCommand command, ResponseHandler handler) {
        Pending pending = new Pending(new Tag("A" + nextTag++), command, handler);
        if (failure != null) {
            pending.completion.completeExceptionally(closed());
            return pending;
        }
        inFlight.put(pending.tag, pending);
        return pending;
    }

    /** Waits for the next continuation request; used before a synchronizing literal or a SASL step. */
    public void onContinuation(Consumer<ContinuationRequest> waiter) {
        continuations.add(waiter);
    }

    /**
     * Runs after each batch of reads: the relay flushes the target once per batch, not once per
     * chunk. Event loop only.
     */
    public void onReadComplete(Runnable hook) {
        this.readComplete = hook;
    }

    /** Runs when the channel becomes writable or unwritable: the relay resumes or pauses the source. */
    public void onWritabilityChanged(Runnable hook) {
        this.writabilityChanged = hook;
    }

    /**
     * A connection idle for the keep-alive interval gets a NOOP (RFC 3501 §6.1.2), so the control
     * connections that wait while workers copy are not logged out by the server's autologout
     * timer (at least 30 minutes, RFC 3501 §5.4, often less behind NAT).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && inFlight.isEmpty() && failure == null) {
            Pending noop = begin(ImapCommands.noop(), ResponseHandler.NONE);
            ctx.writeAndFlush(new TaggedCommand(noop.tag(), noop.command()));
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /**
     * An APPEND's parts (its header, chunks, further messages, the final CRLF) may be written over
     * many event-loop turns, and with a synchronizing literal only after the server's "+". A
     * command written meanwhile (from {@link ImapSession#submit}, say) would land inside the
     * literal, so it is held and written, in order, right after the APPEND's end; or when the
     * APPEND is answered without having ended (refused before its literal).
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (openAppend != null) {
            if (msg instanceof AppendEnd) {
                openAppend = null;
                ctx.write(msg, promise);
                writeHeld(ctx);
                return;
            }
            if (!(msg instanceof LiteralChunk) && !(msg instanceof AppendMessage)) {
                held.add(new HeldWrite(msg, promise));
                return;
            }
        } else if (msg instanceof TaggedCommand tagged && tagged.command() instanceof Append) {
            openAppend = tagged.tag();
        }
        ctx.write(msg, promise);
    }

    private void writeHeld(ChannelHandlerContext ctx) {
        while (openAppend == null && !held.isEmpty()) {
            HeldWrite next = held.poll();
            write(ctx, next.message(), next.promise());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readComplete.run();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writabilityChanged.run();
        ctx.fireChannelWritabilityChanged();
    }

    /** Forgets every waiting continuation consumer; for an exchange that ended early. */
    public void cancelContinuations() {
        continuations.clear();
    }

    public int inFlight() {
        return inFlight.size();
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** System.nanoTime() of the last thing read, for timeouts that mean "no answer", not "slow answer". */
    public long lastReadNanos() {
        return lastRead;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        if (!greeting.isDone()) {
            // RFC 3501 §7.1: the first response is the greeting, an untagged status; anything
            // else (an SMTP banner, an HTTP answer) means the other end is not an IMAP server.
            if (msg instanceof UntaggedStatus status) {
                greeting.complete(status);
            } else {
                ReferenceCountUtil.release(msg);
                greeting.completeExceptionally(
                        new ConnectionClosedException("the first response was not a greeting", null));
            }
            return;
        }
        if (msg instanceof TaggedResponse tagged) {
            complete(ctx, tagged);
            return;
        }
        if (msg instanceof ContinuationRequest request) {
            Consumer<ContinuationRequest> waiter = continuations.poll();
            if (waiter != null) {
                waiter.accept(request);
            } else {
                unsolicited.accept(request);
            }
            return;
        }
        if (msg instanceof UntaggedStatus status && status.status() == Status.BYE) {
            byeText = status.text();
        }
        for (Pending pending : inFlight.values()) {
            if (pending.handler.offer(msg)) {
                return;
            }
        }
        unsolicited.accept(msg);
    }

    private void complete(ChannelHandlerContext ctx, TaggedResponse tagged) {
        Pending pending = inFlight.remove(tagged.tag());
        if (pending == null) {
            // RFC 3501 §2.2.2: a completion belongs to the command sent with its tag. One for no
            // waiting command means the ends disagree on what was asked; nothing after it can be
            // matched with confidence.
            exceptionCaught(ctx, new UnexpectedTagException(tagged));
            return;
        }
        // An APPEND answered before its end: only a synchronizing literal refused before "+" ends
        // the command here (the encoder is told before anyone can write again); a literal
        // already on its way must be finished first.
        ImapClientCodec codec = ctx.pipeline().get(ImapClientCodec.class);
        boolean ended = tagged.tag().equals(openAppend) && codec != null && codec.abandonRefusedLiteral();
        if (ended) {
            openAppend = null;
        }
        if (tagged.status() == Status.OK) {
            pending.completion.complete(tagged);
        } else {
            pending.completion.completeExceptionally(new ImapCommandException(pending.command.name(), tagged));
        }
        if (ended) {
            writeHeld(ctx);
            ctx.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failAll(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(cause);
        ctx.close();
    }

    private void failAll(Throwable cause) {
        if (failure == null) {
            failure = cause == null ? new IllegalStateException("connection closed") : cause;
        }
        ConnectionClosedException closed = closed();
        openAppend = null;
        List<HeldWrite> unwritten = new ArrayList<>(held);
        held.clear();
        for (HeldWrite w : unwritten) {
            ReferenceCountUtil.release(w.message());
            w.promise().tryFailure(closed);
        }
        if (!greeting.isDone()) {
            greeting.completeExceptionally(closed);
        }
        List<Pending> failed = new ArrayList<>(inFlight.values());
        inFlight.clear();
        continuations.clear();
        for (Pending p : failed) {
            p.completion.completeExceptionally(closed);
            // A handler holding part of a streamed body learns of the end through this event.
            p.handler.offer(closed);
        }
    }

    /** The text of the server's BYE, or null if it sent none. */
    String byeText() {
        return byeText;
    }

    private ConnectionClosedException closed() {
        String why;
        if (byeText != null) {
            why = "the server closed the connection: BYE " + byeText;
        } else if (failure instanceof IllegalStateException || failure instanceof ClosedChannelException) {
            // ClosedChannelException: a write after the close, which says nothing more (and has no message).
            why = "the connection was closed";
        } else if (failure.getMessage() == null) {
            why = "the connection failed: " + failure.getClass().getSimpleName();
        } else {
            why = "the connection failed: " + failure.getMessage();
        }
        Throwable cause = failure instanceof IllegalStateException ? null : failure;
        return byeText != null ? new ServerByeException(why, cause) : new ConnectionClosedException(why, cause);
    }
}
