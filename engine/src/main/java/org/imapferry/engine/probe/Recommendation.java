package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.List;

/**
 * The migration options the figures call for.
 *
 * @param maxBytesPerSecond    null unless throttling was seen
 * @param maxMessagesPerSecond null unless throttling was seen
 * @param mailboxBytes         the mailbox size asked about, 0 when none was given
 * @param expected             the expected copy time for that size, or null when it cannot be computed
 * @param reasons              how each figure was derived, in words
 */
public record Recommendation(
        int connections,
        Long maxBytesPerSecond,
        Double maxMessagesPerSecond,
        long mailboxBytes,
        Duration expected,
        List<String> reasons) {
    public Recommendation {
        reasons = List.copyOf(reasons);
    }
}
