package org.imapferry.engine.probe;

import java.util.EnumSet;
import java.util.Set;
import org.imapferry.engine.connection.Endpoint;

/**
 * What to probe and how far.
 *
 * @param folder           the folder to read, or null for the one with the most messages
 * @param probeConnections the connection count of the parallel read and write phases
 * @param maxConnections   the highest count the connection ladder (1, 2, 4, ...) tries
 * @param roundTrips       NOOPs timed for the round-trip figures
 * @param phases           the phases to run; {@link ProbePhase#CONNECT} always runs, and
 *                         {@link ProbePhase#CLEANUP} whenever a write phase does
 */
public record ProbeOptions(
        Endpoint endpoint,
        String folder,
        int probeConnections,
        int maxConnections,
        int roundTrips,
        PhaseBudget read,
        PhaseBudget write,
        Set<ProbePhase> phases) {
    public static final int DEFAULT_PROBE_CONNECTIONS = 4;
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final int DEFAULT_ROUND_TRIPS = 50;

    public ProbeOptions {
        if (probeConnections < 1 || maxConnections < 1 || roundTrips < 1) {
            throw new IllegalArgumentException("connection and round-trip counts must be at least 1");
        }
        EnumSet<ProbePhase> all = EnumSet.of(ProbePhase.CONNECT);
        all.addAll(phases);
        phases = Set.copyOf(all);
    }

    /** Every read-only phase, default budgets; writes only after {@link #withWrite()}. */
    public static ProbeOptions readOnly(Endpoint endpoint) {
        return new ProbeOptions(
                endpoint,
                null,
                DEFAULT_PROBE_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_ROUND_TRIPS,
                PhaseBudget.READ,
                PhaseBudget.WRITE,
                EnumSet.of(
                        ProbePhase.ROUND_TRIP, ProbePhase.READ_ONE, ProbePhase.READ_PARALLEL, ProbePhase.CONNECTIONS));
    }

    public ProbeOptions withWrite() {
        EnumSet<ProbePhase> more = EnumSet.copyOf(phases);
        more.addAll(EnumSet.of(ProbePhase.WRITE_ONE, ProbePhase.WRITE_PARALLEL));
        return withPhases(more);
    }

    public ProbeOptions withPhases(Set<ProbePhase> chosen) {
        return new ProbeOptions(endpoint, folder, probeConnections, maxConnections, roundTrips, read, write, chosen);
    }

    public ProbeOptions withFolder(String name) {
        return new ProbeOptions(endpoint, name, probeConnections, maxConnections, roundTrips, read, write, phases);
    }

    public ProbeOptions withConnections(int probe, int max) {
        return new ProbeOptions(endpoint, folder, probe, max, roundTrips, read, write, phases);
    }

    public ProbeOptions withRoundTrips(int count) {
        return new ProbeOptions(endpoint, folder, probeConnections, maxConnections, count, read, write, phases);
    }

    public ProbeOptions withBudgets(PhaseBudget readBudget, PhaseBudget writeBudget) {
        return new ProbeOptions(
                endpoint, folder, probeConnections, maxConnections, roundTrips, readBudget, writeBudget, phases);
    }

    public boolean runs(ProbePhase phase) {
        return phases.contains(phase);
    }
}
