package org.imapferry.engine.probe;

/**
 * Stops a probe from another thread (the JVM shutdown hook of Ctrl-C): the phase under way sends
 * nothing more, what is in flight completes, no phase starts after it, and the scratch folder is
 * still deleted before {@link Prober#run()} returns.
 */
public final class ProbeStop {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }
}
