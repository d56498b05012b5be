package org.imapferry.engine.watch;

import java.time.Duration;

/** How long to wait before the next attempt after {@code failures} failed ones in a row: 1 s, 2 s, 4 s ... 60 s. */
record Backoff(Duration first, Duration most) {
    static final Backoff RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(most) > 0 ? most : wait;
    }
}
