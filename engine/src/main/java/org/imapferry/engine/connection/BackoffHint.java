package org.imapferry.engine.connection;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wait a busy server suggests in its words: Office 365 has no response code for it and says
 * "Request is throttled. Suggested Backoff Time: 5000 milliseconds"; without a unit, seconds.
 */
public final class BackoffHint {
    private static final Pattern SUGGESTED =
            Pattern.compile("suggested backoff time:?\\s*(\\d+)\\s*(milli)?", Pattern.CASE_INSENSITIVE);

    private BackoffHint() {}

    /** The suggested wait in a server's text, if it names one. */
    public static Optional<Duration> in(String text) {
        Matcher m = SUGGESTED.matcher(text == null ? "" : text);
        if (!m.find()) {
            return Optional.empty();
        }
        long value = Long.parseLong(m.group(1));
        return Optional.of(m.group(2) != null ? Duration.ofMillis(value) : Duration.ofSeconds(value));
    }
}
