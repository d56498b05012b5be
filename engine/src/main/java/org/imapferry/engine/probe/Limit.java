package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.Locale;

/** A sign that the server had had enough: where throttling began. */
public sealed interface Limit {
    ProbePhase phase();

    /** One line for the table. */
    String describe();

    /**
     * A NO or BYE that says "slow down": {@code [THROTTLED]} (Gmail, Yahoo), {@code [LIMIT]} and
     * {@code [UNAVAILABLE]} (RFC 5530 §3), Office 365's "Suggested Backoff Time".
     *
     * @param suggestedBackoff the wait the server asked for, or null when it named none
     */
    record Throttled(ProbePhase phase, String response, Duration suggestedBackoff) implements Limit {
        @Override
        public String describe() {
            return "throttled during " + phase.label() + ": " + response
                    + (suggestedBackoff == null ? "" : " (asks to wait " + suggestedBackoff.toMillis() + " ms)");
        }
    }

    /** The {@code connections}-th simultaneous connection was refused or dropped. */
    record ConnectionRefused(ProbePhase phase, int connections, String reason) implements Limit {
        @Override
        public String describe() {
            return connections + " connections at once refused: " + reason;
        }
    }

    /** The rate at the end of a phase fell below a quarter of its rate at the start. */
    record RateCollapsed(ProbePhase phase, double firstMegabytesPerSecond, double lastMegabytesPerSecond)
            implements Limit {
        @Override
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "rate collapsed during %s: %.2f MB/s at first, %.2f MB/s at the end",
                    phase.label(),
                    firstMegabytesPerSecond,
                    lastMegabytesPerSecond);
        }
    }
}
