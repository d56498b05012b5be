package org.imapferry.engine.probe;

import java.util.List;

/**
 * What a throughput phase measured and ran into.
 *
 * @param throughput null when not one message could be moved
 */
record PhaseOutcome(Throughput throughput, List<Limit> limits, List<String> notes) {
    PhaseOutcome {
        limits = List.copyOf(limits);
        notes = List.copyOf(notes);
    }
}
