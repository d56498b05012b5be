package org.imapferry.engine.transfer;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes a server that refuses because it is busy, not because the message is bad: Gmail's
 * and Yahoo's {@code [THROTTLED]}, Office 365's "Request is throttled. Suggested Backoff Time:
 * N milliseconds", RFC 5530's {@code [UNAVAILABLE]}. Such messages are tried again after the
 * suggested time (or an exponential default) instead of being reported as failed.
 */
final class Throttling {
    private static final Pattern SUGGESTED = Pattern.compile("suggested backoff time:?\\s*(\\d+)\\s*(milli)?",
            Pattern.CASE_INSENSITIVE);
    /** Attempts after the first, and the waits when the server suggests none. */
    static final int RETRIES = 3;
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    private Throttling() {
    }

    static boolean isThrottled(String reason) {
        String upper = reason.toUpperCase(Locale.ROOT);
        return upper.contains("[THROTTLED]") || upper.contains("[UNAVAILABLE]") || upper.contains("THROTTLED")
                || SUGGESTED.matcher(reason).find();
    }

    /** The wait before attempt {@code attempt} (1-based), as the server suggests or doubling. */
    static Duration backoff(String reason, int attempt) {
        Matcher m = SUGGESTED.matcher(reason);
        if (m.find()) {
            long value = Long.parseLong(m.group(1));
            Duration suggested = m.group(2) != null ? Duration.ofMillis(value) : Duration.ofSeconds(value);
            return suggested.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : suggested;
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(10, attempt - 1));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    static Optional<String> firstThrottled(Iterable<String> reasons) {
        for (String r : reasons) {
            if (isThrottled(r)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
