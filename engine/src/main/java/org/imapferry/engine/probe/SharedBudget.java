package org.imapferry.engine.probe;

/** One phase's budget, shared by the connections of that phase, which take from it as they go. */
final class SharedBudget {
    private final PhaseBudget budget;
    private final ProbeStop stop;
    private final long deadline;
    private long bytes;
    private int messages;

    SharedBudget(PhaseBudget budget, ProbeStop stop) {
        this.budget = budget;
        this.stop = stop;
        this.deadline = System.nanoTime() + budget.time().toNanos();
    }

    /** Whether time is left and no stop was asked for. */
    boolean open() {
        return !stop.requested() && System.nanoTime() < deadline;
    }

    /** Takes one message of {@code size} bytes from the budget, if it fits. */
    synchronized boolean take(long size) {
        if (!open() || messages >= budget.messages() || bytes + size > budget.bytes()) {
            return false;
        }
        bytes += size;
        messages++;
        return true;
    }
}
