package org.imapferry.engine.probe;

/** The steps of a probe, in the order they run; each is measured and budgeted on its own. */
public enum ProbePhase {
    CONNECT("connection"),
    ROUND_TRIP("round trip"),
    READ_ONE("read, 1 connection"),
    READ_PARALLEL("read, parallel"),
    WRITE_ONE("write, 1 connection"),
    WRITE_PARALLEL("write, parallel"),
    CLEANUP("scratch folder removal"),
    CONNECTIONS("parallel connections");

    private final String label;

    ProbePhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean writes() {
        return this == WRITE_ONE || this == WRITE_PARALLEL;
    }
}
