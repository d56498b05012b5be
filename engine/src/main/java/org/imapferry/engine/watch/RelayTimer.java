package org.imapferry.engine.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.imapferry.engine.ForwardingSyncListener;
import org.imapferry.engine.SyncListener;
import org.imapferry.protocol.types.MailboxName;

/**
 * Passes a run's events on, and times each message a watch's pass relays: from its arrival on
 * host1 ({@link #arrival}) to the APPEND OK that {@link SyncListener#messageCopied} reports. The passes'
 * banners and plans are not passed on.
 */
final class RelayTimer extends ForwardingSyncListener {
    private final Clock clock;
    /** Mail that reached host1 before this did not arrive during the watch. */
    private final Instant started;

    private final LagStatistics lags = new LagStatistics();
    private final AtomicLong relayed = new AtomicLong();
    /** The batch the running pass relays; null during the first pass, which relays no notice. */
    private volatile Notices.Batch batch;

    private volatile Instant lastRelayed;
    private volatile String lastFolder;

    RelayTimer(SyncListener next, Clock clock) {
        super(next);
        this.clock = clock;
        this.started = clock.instant();
    }

    void relaying(Notices.Batch batch) {
        this.batch = batch;
    }

    LagStatistics lags() {
        return lags;
    }

    /** Messages the watch's passes appended, the first pass's not counted. */
    long relayed() {
        return relayed.get();
    }

    Instant lastRelayed() {
        return lastRelayed;
    }

    String lastFolder() {
        return lastFolder;
    }

    @Override
    public void messageCopied(String source, long bytes) {
        messageCopied(source, bytes, null);
    }

    @Override
    public void messageCopied(String source, long bytes, Instant arrived) {
        Notices.Batch current = batch;
        if (current != null) {
            Instant now = clock.instant();
            Instant from = arrival(current.noticed(MailboxName.of(source)), arrived, started);
            if (from != null) {
                lags.record(Duration.between(from, now));
            }
            relayed.incrementAndGet();
            lastRelayed = now;
            lastFolder = source;
        }
        next.messageCopied(source, bytes, arrived);
    }

    /**
     * When a relayed message reached host1, as well as can be told: its INTERNALDATE when that lies
     * between the watch's start and the notice, else the notice. A server that tells late (or a
     * watch that reconnected) then counts in the lag. INTERNALDATE has whole seconds, so a second
     * is added: the lag is never overstated by it. An older INTERNALDATE is a client's own date
     * (an APPEND of an old message), not an arrival.
     *
     * @return null when neither is known
     */
    static Instant arrival(Instant noticed, Instant internalDate, Instant started) {
        if (internalDate == null || noticed == null) {
            return noticed;
        }
        Instant upTo = internalDate.plusSeconds(1);
        return !internalDate.isBefore(started) && upTo.isBefore(noticed) ? upTo : noticed;
    }

    /** Only the first pass's: each pass connects anew, and its banners would repeat the first's. */
    @Override
    public void connected(boolean source, String banner, String capabilities) {
        if (batch == null) {
            next.connected(source, banner, capabilities);
        }
    }

    /** Only the first pass's: a pass's plan covers the folders that changed, not the account. */
    @Override
    public void planned(long messages, long bytes) {
        if (batch == null) {
            next.planned(messages, bytes);
        }
    }
}
