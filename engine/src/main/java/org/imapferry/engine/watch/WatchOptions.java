package org.imapferry.engine.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code --watch}: after the first pass, keep the target in step until stopped.
 *
 * @param until    {@code --watch-until}: when to end, or null to run until a signal
 * @param interval {@code --watch-interval}: how often a source without NOTIFY is polled
 */
public record WatchOptions(Instant until, Duration interval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public WatchOptions {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--watch-interval must be positive");
        }
    }
}
