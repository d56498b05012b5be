package org.imapferry.engine.probe;

/** Told when each phase begins, so that a long probe shows where it is. */
public interface ProbeListener {
    ProbeListener NONE = phase -> {};

    void phaseStarted(ProbePhase phase);
}
