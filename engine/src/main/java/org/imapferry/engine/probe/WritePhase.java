package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.types.MailboxName;

/** Appends generated messages into the scratch folder over one or more connections. */
final class WritePhase {
    private WritePhase() {}

    static PhaseOutcome run(ProbeSessions opened, ProbePhase phase, MailboxName scratch, WriteSource source) {
        List<Limit> limits = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (opened.refused() != null) {
            limits.add(opened.refused());
        }
        List<ImapSession> sessions = opened.sessions();
        if (sessions.isEmpty()) {
            return new PhaseOutcome(null, limits, notes);
        }
        List<CompletableFuture<AppendRun>> started = new ArrayList<>();
        for (ImapSession s : sessions) {
            started.add(new AppendRun(s, scratch, source).start());
        }
        long bytes = 0;
        long messages = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < sessions.size(); i++) {
            AppendRun run = sessions.get(i).await(started.get(i), "the write phase");
            bytes += run.bytes();
            messages += run.messages();
            first = Math.min(first, run.started());
            last = Math.max(last, run.ended());
            if (run.failure() != null || run.bye() != null) {
                ThrottleSignal.of(phase, run.failure(), run.bye())
                        .ifPresentOrElse(
                                limits::add,
                                () -> notes.add(phase.label() + ": "
                                        + (run.failure() == null
                                                ? "BYE " + run.bye().text()
                                                : run.failure().getMessage())));
            }
            RateCollapse.find(phase, run.samples()).ifPresent(limits::add);
        }
        Throughput throughput =
                new Throughput(phase, sessions.size(), messages, bytes, Duration.ofNanos(Math.max(0, last - first)));
        return new PhaseOutcome(throughput, limits, notes);
    }
}
