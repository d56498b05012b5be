package org.imapferry.engine.probe;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything one probe of one account measured. A figure a phase did not measure is null or
 * empty, never zero: the table says only what this run read on the server.
 *
 * @param account            "user@host:port"
 * @param roundTrip          null when not measured
 * @param folder             the folder read, or null
 * @param folderMessages     its message count (EXISTS)
 * @param largestConnections the most simultaneous connections that worked; 0 when not tried
 * @param triedConnections   the counts the ladder tried, in order
 * @param scratch            null when nothing was written
 * @param stopped            a stop was requested (Ctrl-C) before every phase ran
 */
public record ProbeResult(
        String account,
        String greeting,
        List<SpeedCapabilities.Mark> capabilities,
        ConnectionTimes times,
        RoundTrip roundTrip,
        String folder,
        long folderMessages,
        List<Throughput> reads,
        List<Throughput> writes,
        int largestConnections,
        List<Integer> triedConnections,
        List<Limit> limits,
        ScratchCleanup scratch,
        boolean stopped,
        List<String> notes) {
    public ProbeResult {
        capabilities = List.copyOf(capabilities);
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        triedConnections = List.copyOf(triedConnections);
        limits = List.copyOf(limits);
        notes = List.copyOf(notes);
    }

    public Optional<Throughput> throughput(ProbePhase phase) {
        return Stream.concat(reads.stream(), writes.stream())
                .filter(t -> t.phase() == phase)
                .findFirst();
    }

    public boolean throttled() {
        return limits.stream().anyMatch(l -> l instanceof Limit.Throttled || l instanceof Limit.RateCollapsed);
    }

    /** The scratch folder is still on the server. */
    public boolean scratchLeft() {
        return scratch != null && !scratch.deleted();
    }
}
