package org.imapferry.engine.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.imapferry.protocol.types.MailboxName;

/**
 * The changes heard of on the source and not yet relayed: the folders, each with the time of its
 * first notice (the lag is counted from it), and whether every folder needs a look (after the
 * source connection was (re)made, when changes may have gone unheard). Filled by the feed's
 * thread, taken by the watch's. At most one entry per folder: memory does not grow with time.
 */
final class Notices {
    /** A burst of changes (a user moving twenty messages) is relayed in one pass, not twenty. */
    static final Duration SETTLE = Duration.ofMillis(250);

    /**
     * What one pass relays.
     *
     * @param sweepSince when every folder needs a look, the time that was noticed; else null
     * @param folderList a folder appeared, went or was renamed: the folders may not all be in the last plan
     */
    record Batch(Map<MailboxName, Instant> folders, Instant sweepSince, boolean folderList) {
        Batch {
            folders = Map.copyOf(folders);
        }

        boolean sweep() {
            return sweepSince != null;
        }

        /** When the change behind a message copied into this folder was first heard of. */
        Instant noticed(MailboxName folder) {
            Instant at = folders.get(folder);
            return at != null ? at : sweepSince;
        }
    }

    private final Clock clock;
    private final Map<MailboxName, Instant> folders = new HashMap<>();
    private Instant sweepSince;
    private boolean folderList;
    private boolean closed;

    Notices(Clock clock) {
        this.clock = clock;
    }

    /** Messages of this folder were added, removed or flagged. */
    synchronized void folder(MailboxName name) {
        folders.putIfAbsent(name, clock.instant());
        notifyAll();
    }

    /** This folder appeared, went, or is one of the two names of a rename. */
    synchronized void listed(MailboxName name) {
        folderList = true;
        folder(name);
    }

    synchronized void everything() {
        if (sweepSince == null) {
            sweepSince = clock.instant();
        }
        notifyAll();
    }

    /** Puts back a batch whose pass could not relay it, keeping its notice times. */
    synchronized void putBack(Batch batch) {
        batch.folders().forEach(folders::putIfAbsent);
        folderList |= batch.folderList();
        if (batch.sweep() && sweepSince == null) {
            sweepSince = batch.sweepSince();
        }
        notifyAll();
    }

    synchronized boolean isEmpty() {
        return folders.isEmpty() && sweepSince == null;
    }

    /** Wakes a waiting {@link #take}, which then returns null: the watch is ending. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Takes what is pending without waiting; null when nothing is. */
    synchronized Batch drain() {
        if (isEmpty()) {
            return null;
        }
        Batch batch = new Batch(folders, sweepSince, folderList);
        folders.clear();
        sweepSince = null;
        folderList = false;
        return batch;
    }

    /**
     * Waits for changes, lets a burst settle, and takes them all.
     *
     * @return null when closed, or when nothing came before {@code deadline} (null: no deadline)
     */
    synchronized Batch take(Instant deadline) throws InterruptedException {
        while (!closed && isEmpty()) {
            if (deadline == null) {
                wait();
            } else {
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    return null;
                }
                wait(left);
            }
        }
        if (closed) {
            return null;
        }
        wait(SETTLE.toMillis());
        return drain();
    }
}
