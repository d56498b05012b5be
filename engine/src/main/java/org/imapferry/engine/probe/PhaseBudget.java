package org.imapferry.engine.probe;

import java.time.Duration;

/**
 * The most one phase may move: a probe measures a provider, it must never flood it. A phase ends
 * at whichever limit it reaches first; what is in flight then still completes.
 */
public record PhaseBudget(long bytes, int messages, Duration time) {
    /** Reads: 200 MB, 2,000 messages, 20 s per phase. */
    public static final PhaseBudget READ = new PhaseBudget(200_000_000L, 2000, Duration.ofSeconds(20));
    /** Writes land in the account (and its quota) until the scratch folder is deleted: smaller. */
    public static final PhaseBudget WRITE = new PhaseBudget(50_000_000L, 500, Duration.ofSeconds(20));

    public PhaseBudget {
        if (bytes <= 0 || messages <= 0 || time == null || time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("a phase budget needs positive bytes, messages and time");
        }
    }
}
