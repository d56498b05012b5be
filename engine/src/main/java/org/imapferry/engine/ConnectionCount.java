package org.imapferry.engine;

import java.util.concurrent.atomic.AtomicInteger;

/** The sessions a run opened, counted from every copying pair's thread, for the statistics. */
final class ConnectionCount {
    private final AtomicInteger used = new AtomicInteger();
    private final AtomicInteger reconnectedSource = new AtomicInteger();
    private final AtomicInteger reconnectedTarget = new AtomicInteger();

    /** A session is open. */
    void opened() {
        used.incrementAndGet();
    }

    /**
     * A lost session (dropped by the network or the server, or closed by the relay or its
     * watchdog after a failure) is being replaced, so the work goes on over a new one.
     */
    void reconnected(boolean source) {
        (source ? reconnectedSource : reconnectedTarget).incrementAndGet();
    }

    int used() {
        return used.get();
    }

    SyncReport.Reconnections reconnections() {
        return new SyncReport.Reconnections(reconnectedSource.get(), reconnectedTarget.get());
    }
}
