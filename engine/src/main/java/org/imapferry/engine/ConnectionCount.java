package org.imapferry.engine;

import java.util.concurrent.atomic.AtomicInteger;

/** The sessions a run opened, counted from every copying pair's thread, for the statistics. */
final class ConnectionCount {
    private final AtomicInteger used = new AtomicInteger();
    private final AtomicInteger reconnectedSource = new AtomicInteger();
    private final AtomicInteger reconnectedTarget = new AtomicInteger();

    /** A pair of sessions, one on each side, is open. */
    void opened() {
        used.addAndGet(2);
    }

    /**
     * A copying pair found these sides' sessions closed after a piece of work: dropped by the
     * network or the server, or closed by the relay or its watchdog after a failure. The work
     * goes on over new sessions: the folder is tried again, the pair connects afresh.
     */
    void lost(boolean sourceLost, boolean targetLost) {
        if (sourceLost) {
            reconnectedSource.incrementAndGet();
        }
        if (targetLost) {
            reconnectedTarget.incrementAndGet();
        }
    }

    int used() {
        return used.get();
    }

    SyncReport.Reconnections reconnections() {
        return new SyncReport.Reconnections(reconnectedSource.get(), reconnectedTarget.get());
    }
}
