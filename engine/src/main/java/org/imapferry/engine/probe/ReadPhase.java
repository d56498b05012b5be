package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.types.MailboxName;

/**
 * Reads the chosen messages over one or more connections, read-only: EXAMINE (RFC 3501 §6.3.2)
 * and BODY.PEEK (§6.4.5: "\Seen" is not set), so not one flag changes. The messages are shared
 * out in contiguous runs, so each connection reads a different part of the folder; a connection
 * left without a share (fewer messages than connections) does not count as one that read.
 */
final class ReadPhase {
    private ReadPhase() {}

    static PhaseOutcome run(
            ProbeSessions opened,
            ProbePhase phase,
            MailboxName folder,
            List<MessageSizes.Entry> chosen,
            SharedBudget budget) {
        List<Limit> limits = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (opened.refused() != null) {
            limits.add(opened.refused());
        }
        List<ImapSession> sessions = opened.sessions();
        if (sessions.isEmpty() || chosen.isEmpty()) {
            return new PhaseOutcome(null, limits, notes);
        }
        List<ReadRun> runs = new ArrayList<>();
        int share = (chosen.size() + sessions.size() - 1) / sessions.size();
        List<ImapSession> reading = new ArrayList<>();
        for (int i = 0; i < sessions.size() && i * share < chosen.size(); i++) {
            List<MessageSizes.Entry> part = chosen.subList(i * share, Math.min(chosen.size(), (i + 1) * share));
            sessions.get(i).run(ImapCommands.examine(folder));
            runs.add(new ReadRun(sessions.get(i), part, budget));
            reading.add(sessions.get(i));
        }
        List<CompletableFuture<ReadRun>> started =
                runs.stream().map(ReadRun::start).toList();
        List<ReadRun> finished = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            finished.add(reading.get(i).await(started.get(i), "the read phase"));
        }
        long bytes = 0;
        long messages = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (ReadRun run : finished) {
            bytes += run.bytes();
            messages += run.messages();
            first = Math.min(first, run.started());
            last = Math.max(last, run.ended());
            if (run.failure() != null || run.bye() != null) {
                ThrottleSignal.of(phase, run.failure(), run.bye())
                        .ifPresentOrElse(limits::add, () -> notes.add(phase.label() + ": " + describe(run)));
            }
            RateCollapse.find(phase, run.samples()).ifPresent(limits::add);
        }
        Throughput throughput =
                new Throughput(phase, runs.size(), messages, bytes, Duration.ofNanos(Math.max(0, last - first)));
        return new PhaseOutcome(throughput, limits, notes);
    }

    private static String describe(ReadRun run) {
        return run.failure() == null ? "BYE " + run.bye().text() : run.failure().getMessage();
    }
}
