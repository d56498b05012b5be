package org.imapferry.engine.transfer;

/**
 * imapsync's {@code --maxmessagespersecond} for a whole run: every message, on whichever
 * connection pair, takes the next free slot, one every {@code 1/rate} seconds. The relay pauses
 * reading its source until the slot comes, rather than sleeping a thread.
 */
public final class RateGovernor {
    /** No limit. */
    public static final RateGovernor UNLIMITED = new RateGovernor(0);

    private final long intervalNanos;
    private long lastSlot = Long.MIN_VALUE;

    /** @param messagesPerSecond zero or less for no limit */
    public RateGovernor(double messagesPerSecond) {
        this.intervalNanos = messagesPerSecond > 0 ? (long) (1_000_000_000L / messagesPerSecond) : 0;
    }

    /**
     * A message starts: it takes the next slot. Returns how long, in nanoseconds, it is early for
     * it (0: on time); a relay that paused as {@link #untilNext} said is not early.
     */
    public synchronized long reserve(long nowNanos) {
        if (intervalNanos == 0) {
            return 0;
        }
        long slot = lastSlot == Long.MIN_VALUE ? nowNanos : Math.max(nowNanos, lastSlot + intervalNanos);
        lastSlot = slot;
        return slot - nowNanos;
    }

    /** How long, in nanoseconds, until the next message may start (0: now). */
    public synchronized long untilNext(long nowNanos) {
        if (intervalNanos == 0 || lastSlot == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(0, lastSlot + intervalNanos - nowNanos);
    }
}
