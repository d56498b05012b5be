package org.imapferry.engine.watch;

/** Hears how a watch is doing: after each pass, and when the source connection is made or lost. */
public interface WatchListener {
    WatchListener NONE = now -> {};

    /** Called from the watch's threads; must be quick. */
    void watching(WatchReport now);
}
