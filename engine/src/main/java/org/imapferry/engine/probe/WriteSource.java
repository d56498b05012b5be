package org.imapferry.engine.probe;

import java.time.ZonedDateTime;

/** The generated messages of one write phase, shared by its connections while the budget lasts. */
final class WriteSource {
    private final String runId;
    private final SharedBudget budget;
    private final ZonedDateTime date;
    private int next;

    WriteSource(String runId, SharedBudget budget, ZonedDateTime date) {
        this.runId = runId;
        this.budget = budget;
        this.date = date;
    }

    /** The next message to append, or null when the budget is spent, the time is up or a stop came. */
    synchronized GeneratedMessage next() {
        GeneratedMessage message = new GeneratedMessage(runId, next, GeneratedMessage.MIX.get(
                next % GeneratedMessage.MIX.size()), date);
        if (!budget.take(message.size())) {
            return null;
        }
        next++;
        return message;
    }
}
