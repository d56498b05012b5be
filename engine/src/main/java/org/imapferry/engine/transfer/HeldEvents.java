package org.imapferry.engine.transfer;

import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the source sent while the relay could not pass it on: while a synchronizing literal
 * waited for the target's "+", or the next message for its slot under --maxmessagespersecond.
 * The rest of that message and anything after it (the decoder goes on through bytes already
 * read even with AUTO_READ off) are replayed in order once the wait is over: body section
 * starts, chunks, FETCH data and {@link MessageRelay.FetchEnd}s. Event loop only.
 */
final class HeldEvents {
    private final Deque<Object> events = new ArrayDeque<>();

    void hold(Object event) {
        events.add(event);
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    Object next() {
        return events.poll();
    }

    /** Releases every held chunk; returns how many FETCH ends were among what was dropped. */
    int drop() {
        int fetchEnds = 0;
        while (!events.isEmpty()) {
            Object event = events.poll();
            if (event instanceof MessageRelay.FetchEnd) {
                fetchEnds++;
            } else {
                ReferenceCountUtil.release(event);
            }
        }
        return fetchEnds;
    }
}
