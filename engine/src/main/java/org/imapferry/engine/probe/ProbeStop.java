package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a probe from another thread (the JVM shutdown hook of Ctrl-C): the phase under way sends
 * nothing more, what is in flight completes, and the scratch folder is still deleted.
 */
public final class ProbeStop {
    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** Asks the probe to stop and waits until it has cleaned up; false when it did not in time. */
    public boolean requestAndAwait(Duration timeout) {
        request();
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void finished() {
        finished.countDown();
    }
}
