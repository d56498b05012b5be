package org.imapferry.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A request to end a run early (SIGINT, SIGTERM): no new folder or FETCH starts, a message half
 * written to the target is abandoned, and what the target confirmed is recorded. Requested from
 * any thread, once; whoever is copying registers to hear of it.
 */
public final class StopSignal {
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean requested;

    /** Asks every registered listener to stop; later calls do nothing. */
    public void request() {
        synchronized (this) {
            if (requested) {
                return;
            }
            requested = true;
            notifyAll();
        }
        for (Runnable listener : listeners) {
            // Removed first, so that a listener registering at this moment does not run twice.
            if (listeners.remove(listener)) {
                listener.run();
            }
        }
    }

    public boolean requested() {
        return requested;
    }

    /** Waits as long as given, or less if the stop is requested meanwhile; returns whether it was. */
    public synchronized boolean await(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); !requested && left > 0; left = end - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return requested;
    }

    /**
     * Runs {@code listener} when the stop is requested, at once if it already was; it must be
     * quick (hop onto an event loop) and may run on any thread. It runs once.
     *
     * @return what undoes the registration
     */
    public Runnable onRequest(Runnable listener) {
        listeners.add(listener);
        if (requested && listeners.remove(listener)) {
            listener.run();
        }
        return () -> listeners.remove(listener);
    }
}
