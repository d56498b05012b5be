package org.imapferry.engine.probe;

import java.time.ZonedDateTime;

/** The generated messages of one write phase, shared by its connections while the budget lasts. */
final class WriteSource {
    private final String runId;
    private final SharedBudget budget;
    private final ZonedDateTime date;
    private final long largest;
    private int next;

    /** @param largest the server's APPENDLIMIT (RFC 7889): larger messages of the mix are cut to it */
    WriteSource(String runId, SharedBudget budget, ZonedDateTime date, long largest) {
        this.runId = runId;
        this.budget = budget;
        this.date = date;
        this.largest = largest;
    }

    /** The next message to append, or null when the budget is spent, the time is up or a stop came. */
    synchronized GeneratedMessage next() {
        long size = Math.min(largest, GeneratedMessage.MIX.get(next % GeneratedMessage.MIX.size()));
        GeneratedMessage message = new GeneratedMessage(runId, next, size, date);
        if (!budget.take(message.size())) {
            return null;
        }
        next++;
        return message;
    }
}
