package org.imapferry.engine;

import java.util.concurrent.atomic.AtomicLong;

/** Passes every event on, and counts the messages copied without a Message-ID for the report. */
final class MessageIdCount extends ForwardingSyncListener {
    private final AtomicLong withoutId = new AtomicLong();

    MessageIdCount(SyncListener next) {
        super(next);
    }

    long withoutId() {
        return withoutId.get();
    }

    @Override
    public void messageCopiedWithoutMessageId(String source) {
        withoutId.incrementAndGet();
        super.messageCopiedWithoutMessageId(source);
    }
}
