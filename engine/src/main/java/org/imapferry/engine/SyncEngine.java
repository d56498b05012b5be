package org.imapferry.engine;

/**
 * Copies the selected folders and messages of one account to another.
 *
 * <pre>
 * SyncReport report = new SyncEngine(options, listener).run();
 * </pre>
 * Failures are in the report, classified; {@code run} throws only for a programming error.
 */
public final class SyncEngine {
    private final SyncOptions options;
    private final SyncListener listener;

    public SyncEngine(SyncOptions options, SyncListener listener) {
        this.options = options;
        this.listener = listener;
    }

    public SyncReport run() {
        throw new UnsupportedOperationException("the transfer core is being written");
    }
}
