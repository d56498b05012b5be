package org.imapferry.engine.transfer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A relay's copy list cut into {@code UID FETCH} batches, and how many of them are on the wire:
 * a few in flight keep the source busy without a round trip between batches. Event loop only.
 */
final class FetchBatches {
    /** Messages and bytes per FETCH batch, and FETCH batches in flight on the source. */
    static final int BATCH_MESSAGES = 50;

    static final long BATCH_BYTES = 16L * 1024 * 1024;
    static final int IN_FLIGHT = 2;

    private final Deque<List<MessageMeta>> waiting;
    private int inFlight;

    FetchBatches(List<MessageMeta> messages) {
        this.waiting = new ArrayDeque<>(cut(messages));
    }

    /**
     * Cuts the list in order, at {@link #BATCH_MESSAGES} messages or before {@link #BATCH_BYTES}
     * (RFC822.SIZE) would be passed; a message larger than that is a batch of its own.
     */
    static List<List<MessageMeta>> cut(List<MessageMeta> messages) {
        List<List<MessageMeta>> batches = new ArrayList<>();
        List<MessageMeta> batch = new ArrayList<>();
        long bytes = 0;
        for (MessageMeta m : messages) {
            if (!batch.isEmpty() && (batch.size() >= BATCH_MESSAGES || bytes + m.size() > BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(m);
            bytes += Math.max(0, m.size());
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** The next batch, counted in flight, if one waits and there is room for it on the wire. */
    Optional<List<MessageMeta>> next() {
        if (inFlight >= IN_FLIGHT || waiting.isEmpty()) {
            return Optional.empty();
        }
        inFlight++;
        return Optional.of(waiting.poll());
    }

    /** A FETCH sent by {@link #next()} was answered (or failed). */
    void ended() {
        inFlight--;
    }

    boolean anyInFlight() {
        return inFlight > 0;
    }

    /** The batches never sent; they will not be. */
    List<List<MessageMeta>> withdraw() {
        List<List<MessageMeta>> left = new ArrayList<>(waiting);
        waiting.clear();
        return left;
    }

    boolean allDone() {
        return waiting.isEmpty() && inFlight == 0;
    }
}
