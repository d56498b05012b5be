package org.imapferry.engine.connection;

import java.time.Duration;

/**
 * How long to wait before the n-th reconnection in a row: the step doubles from {@code first} up
 * to {@code cap}, and the wait is drawn between half the step and the whole of it, so that pairs
 * cut at the same moment (a server restart) do not all knock again at the same moment.
 */
public record Backoff(Duration first, Duration cap) {
    /** 1 s, 2 s, 4 s ... 30 s, each less a random part of up to half. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Backoff {
        if (first.isNegative() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 <= first <= cap");
        }
    }

    /**
     * This backoff with its cap lowered to {@code limit} if that is shorter: no wait of a run may be
     * longer than its --timeout, not even one between two tries. A limit that is not positive
     * sets no cap.
     */
    public Backoff cappedAt(Duration limit) {
        if (limit.isNegative() || limit.isZero() || limit.compareTo(cap) >= 0) {
            return this;
        }
        return new Backoff(first.compareTo(limit) <= 0 ? first : limit, limit);
    }

    /**
     * @param attempt 1 for the first reconnection after a loss, 2 if that one failed too, ...
     * @param jitter  a number in [0, 1): where the wait falls between half the step and the step
     */
    public Duration delay(int attempt, double jitter) {
        if (attempt < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("attempt from 1, jitter in [0, 1)");
        }
        long step = first.toMillis();
        for (int i = 1; i < attempt && step < cap.toMillis(); i++) {
            step *= 2;
        }
        step = Math.min(step, cap.toMillis());
        return Duration.ofMillis(step - (long) (jitter * (step / 2.0)));
    }
}
