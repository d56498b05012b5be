package org.imapferry.engine.transfer;

import java.time.Duration;
import java.util.Optional;
import org.imapferry.engine.connection.BackoffHint;

/**
 * How long to wait for a server that refused because it is busy, not because the message is bad
 * ({@link Failure.Kind#THROTTLED}: Gmail's and Yahoo's {@code [THROTTLED]}, RFC 5530's
 * {@code [UNAVAILABLE]}, Office 365's "Request is throttled. Suggested Backoff Time: N
 * milliseconds"). Such messages are tried again after the suggested time (or an exponential
 * default) instead of being reported as failed.
 */
final class Throttling {
    /** Attempts after the first, and the waits when the server suggests none. */
    static final int RETRIES = 3;

    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    private Throttling() {}

    /**
     * The wait before attempt {@code attempt} (1-based): what the server suggests in its words
     * (Office 365 has no response code for it), or doubling from {@link #FIRST_WAIT}.
     */
    static Duration backoff(Failure throttled, int attempt) {
        Optional<Duration> suggested = BackoffHint.in(throttled.text());
        if (suggested.isPresent()) {
            return suggested.get().compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : suggested.get();
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(10, attempt - 1));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
