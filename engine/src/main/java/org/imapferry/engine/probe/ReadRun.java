package org.imapferry.engine.probe;

import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.SequenceSet;

/**
 * One connection's share of a read phase: pipelined {@code UID FETCH <set> BODY.PEEK[]} batches,
 * a few in flight, whose bodies are counted and released chunk by chunk, never held. Everything
 * runs on the session's event loop.
 */
final class ReadRun implements ResponseHandler {
    static final int BATCH_MESSAGES = 50;
    static final long BATCH_BYTES = 8_000_000L;
    static final int IN_FLIGHT = 2;

    private final ImapSession session;
    private final SharedBudget budget;
    private final Deque<List<MessageSizes.Entry>> batches = new ArrayDeque<>();
    private final CompletableFuture<ReadRun> done = new CompletableFuture<>();
    private final List<RateSample> samples = new ArrayList<>();
    private int inFlight;
    private long bytes;
    private long messages;
    private long started;
    private long ended;
    private Throwable failure;
    private UntaggedStatus bye;

    ReadRun(ImapSession session, List<MessageSizes.Entry> share, SharedBudget budget) {
        this.session = session;
        this.budget = budget;
        List<MessageSizes.Entry> batch = new ArrayList<>();
        long batchBytes = 0;
        for (MessageSizes.Entry e : share) {
            if (!batch.isEmpty() && (batch.size() >= BATCH_MESSAGES || batchBytes + e.size() > BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(e);
            batchBytes += e.size();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
    }

    CompletableFuture<ReadRun> start() {
        session.eventLoop().execute(() -> {
            started = System.nanoTime();
            samples.add(new RateSample(started, 0));
            fill();
        });
        return done;
    }

    private void fill() {
        while (inFlight < IN_FLIGHT && !batches.isEmpty() && failure == null && budget.open()) {
            send(batches.poll());
        }
        session.channel().flush();
        if (inFlight == 0 && !done.isDone()) {
            ended = System.nanoTime();
            done.complete(this);
        }
    }

    private void send(List<MessageSizes.Entry> batch) {
        UidFetch fetch = ImapCommands.uidFetch(
                SequenceSet.of(batch.stream().map(MessageSizes.Entry::uid).toList()), "BODY.PEEK[]");
        inFlight++;
        PipelinedCommand.write(session, fetch, this).completion().whenComplete((ok, error) -> {
            inFlight--;
            if (error != null && failure == null) {
                failure = error;
            }
            samples.add(new RateSample(System.nanoTime(), bytes));
            fill();
        });
    }

    @Override
    public boolean offer(Object event) {
        if (event instanceof LiteralChunk chunk) {
            bytes += chunk.content().readableBytes();
            if (chunk instanceof LastLiteralChunk) {
                messages++;
            }
            ReferenceCountUtil.release(chunk);
            return true;
        }
        if (event instanceof UntaggedStatus status && status.status() == Status.BYE) {
            bye = status;
            return false;
        }
        return event instanceof BodySectionStart || event instanceof FetchData;
    }

    long bytes() {
        return bytes;
    }

    long messages() {
        return messages;
    }

    long started() {
        return started;
    }

    long ended() {
        return ended;
    }

    Throwable failure() {
        return failure;
    }

    UntaggedStatus bye() {
        return bye;
    }

    List<RateSample> samples() {
        return samples;
    }
}
