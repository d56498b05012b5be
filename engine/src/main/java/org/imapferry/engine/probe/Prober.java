package org.imapferry.engine.probe;

import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.SequenceSet;

/**
 * Runs the phases of a probe against one account, in {@link ProbePhase} order, each within its
 * budget. A connection, TLS or login failure of the first session is thrown as the connector throws
 * it; anything later is a figure, a limit or a note of the result. The scratch folder, once made,
 * is deleted whatever happens, a stop included.
 */
public final class Prober {
    private final ProbeOptions options;
    private final ProbeListener listener;
    private final ProbeStop stop;
    private final Endpoint endpoint;
    private final List<Throughput> reads = new ArrayList<>();
    private final List<Throughput> writes = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Prober(ProbeOptions options, ProbeListener listener, ProbeStop stop) {
        this.options = options;
        this.listener = listener;
        this.stop = stop;
        this.endpoint = options.endpoint();
    }

    public ProbeResult run() {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(2);
        try {
            return run(group, transport, new ImapConnector(group, transport));
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private ProbeResult run(EventLoopGroup group, Transport transport, ImapConnector connector) {
        listener.phaseStarted(ProbePhase.CONNECT);
        Opening opening = openWithoutLogin(connector, group);
        long begin = System.nanoTime();
        ImapSession control = connector.connect(endpoint);
        Duration login = positive(since(begin).minus(opening.time()));
        ConnectionTimes times;
        RoundTrip roundTrip = null;
        String folder = null;
        long exists = 0;
        ScratchCleanup scratch = null;
        try {
            if (options.folder() != null) {
                requireFolder(control, options.folder());
            }
            ConnectTimer.Times tcp = ConnectTimer.measure(group, transport, endpoint);
            Duration tls = tcp.handshake() != null ? tcp.handshake() : opening.startTls();
            times = new ConnectionTimes(tcp.connect(), tls, login);
            if (options.runs(ProbePhase.ROUND_TRIP) && !stop.requested()) {
                listener.phaseStarted(ProbePhase.ROUND_TRIP);
                roundTrip = roundTrip(control);
            }
            if ((options.runs(ProbePhase.READ_ONE) || options.runs(ProbePhase.READ_PARALLEL)) && !stop.requested()) {
                try {
                    folder = options.folder() != null ? options.folder() : largestFolder(control);
                    if (folder != null) {
                        exists = read(connector, control, MailboxName.of(folder));
                    }
                } catch (RuntimeException e) {
                    notes.add("no read figures: " + e.getMessage());
                }
            }
            if ((options.runs(ProbePhase.WRITE_ONE) || options.runs(ProbePhase.WRITE_PARALLEL)) && !stop.requested()) {
                scratch = write(connector, control);
            }
        } finally {
            control.close();
        }
        ConnectionLadder.Climb climb = new ConnectionLadder.Climb(List.of(), 0, null);
        if (options.runs(ProbePhase.CONNECTIONS) && !stop.requested()) {
            listener.phaseStarted(ProbePhase.CONNECTIONS);
            climb = ConnectionLadder.climb(connector, endpoint, options.maxConnections(), stop);
            if (climb.refused() != null) {
                limits.add(climb.refused());
            }
        }
        return new ProbeResult(
                endpoint.describe(),
                control.greeting(),
                SpeedCapabilities.of(control.capabilities()),
                times,
                roundTrip,
                folder,
                exists,
                reads,
                writes,
                climb.largest(),
                climb.tried(),
                limits,
                scratch,
                stop.requested(),
                notes);
    }

    /**
     * How long a session takes to open up to the login, and the handshake of its STARTTLS (null
     * when it started none), timed by the connector from the tagged OK to the handshake's end.
     */
    private record Opening(Duration time, Duration startTls) {}

    /** Twice, keeping the faster: the first session of a run also pays for loading classes. */
    private Opening openWithoutLogin(ImapConnector connector, EventLoopGroup group) {
        Opening fastest = null;
        for (int i = 0; i < 2; i++) {
            long begin = System.nanoTime();
            ImapSession bare = connector.connectWithoutLogin(endpoint, group.next());
            Opening opening = new Opening(since(begin), bare.startTlsHandshake());
            bare.close();
            fastest = fastest == null || opening.time().compareTo(fastest.time()) < 0 ? opening : fastest;
        }
        return fastest;
    }

    private RoundTrip roundTrip(ImapSession control) {
        List<Duration> samples = new ArrayList<>();
        long deadline = System.nanoTime() + options.read().time().toNanos();
        for (int i = 0; i < options.roundTrips() && !stop.requested() && System.nanoTime() < deadline; i++) {
            long begin = System.nanoTime();
            control.run(ImapCommands.noop());
            samples.add(since(begin));
        }
        return samples.isEmpty() ? null : RoundTrip.of(samples);
    }

    private void requireFolder(ImapSession control, String folder) {
        try {
            control.run(ImapCommands.status(MailboxName.of(folder), "MESSAGES"));
        } catch (ImapCommandException e) {
            throw new ReadFolderMissing(endpoint.describe(), folder, e.getMessage());
        }
    }

    /** The selectable folder with the most messages, by STATUS (pipelined). */
    private String largestFolder(ImapSession control) {
        List<MailboxName> names = control.run(ImapCommands.list("", "*")).all(ListData.class).stream()
                .filter(ListData::isSelectable)
                .map(ListData::mailbox)
                .toList();
        List<CompletableFuture<CommandResult>> answers = names.stream()
                .map(n -> control.submit(ImapCommands.status(n, "MESSAGES")))
                .toList();
        String best = null;
        long most = -1;
        for (int i = 0; i < names.size(); i++) {
            StatusData status = control.await(answers.get(i), "STATUS").first(StatusData.class);
            long messages = status == null ? 0 : status.get("MESSAGES").orElse(0);
            if (messages > most) {
                most = messages;
                best = names.get(i).name();
            }
        }
        if (most <= 0) {
            notes.add("no folder holds a message: nothing to read");
            return null;
        }
        return best;
    }

    /** Lists the messages that fit the budget, then reads them over 1 and N connections; returns EXISTS. */
    private long read(ImapConnector connector, ImapSession control, MailboxName folder) {
        long exists = control.run(ImapCommands.examine(folder)).all(ExistsData.class).stream()
                .mapToLong(ExistsData::count)
                .reduce((a, b) -> b)
                .orElse(0);
        if (exists == 0) {
            notes.add(folder.name() + " is empty: nothing to read");
            return 0;
        }
        MessageSizes sizes = new MessageSizes(options.read());
        PipelinedCommand.run(control, ImapCommands.uidFetch(SequenceSet.all(), "UID", "RFC822.SIZE"), sizes);
        readPhase(connector, ProbePhase.READ_ONE, 1, folder, sizes.chosen());
        readPhase(connector, ProbePhase.READ_PARALLEL, options.probeConnections(), folder, sizes.chosen());
        return exists;
    }

    private void readPhase(
            ImapConnector connector,
            ProbePhase phase,
            int connections,
            MailboxName folder,
            List<MessageSizes.Entry> chosen) {
        if (!options.runs(phase) || stop.requested()) {
            return;
        }
        listener.phaseStarted(phase);
        try (ProbeSessions sessions = new ProbeSessions(connector, endpoint, connections, phase)) {
            record(ReadPhase.run(sessions, phase, folder, chosen, new SharedBudget(options.read(), stop)), reads);
        } catch (RuntimeException e) {
            notes.add(phase.label() + " failed: " + e.getMessage());
        }
    }

    private ScratchCleanup write(ImapConnector connector, ImapSession control) {
        String name = ScratchFolder.name(Instant.now(), new SecureRandom());
        MailboxName scratch;
        try {
            scratch = ScratchFolder.create(control, name);
        } catch (RuntimeException e) {
            notes.add("no write figures: the scratch folder " + name + " could not be created: " + e.getMessage());
            return null;
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        long largest = control.capabilities().appendLimit().orElse(Long.MAX_VALUE);
        writePhase(connector, ProbePhase.WRITE_ONE, 1, scratch, name, now, largest);
        writePhase(connector, ProbePhase.WRITE_PARALLEL, options.probeConnections(), scratch, name, now, largest);
        listener.phaseStarted(ProbePhase.CLEANUP);
        return delete(connector, control, scratch);
    }

    private void writePhase(
            ImapConnector connector,
            ProbePhase phase,
            int connections,
            MailboxName scratch,
            String runId,
            ZonedDateTime date,
            long largest) {
        if (!options.runs(phase) || stop.requested()) {
            return;
        }
        listener.phaseStarted(phase);
        WriteSource source =
                new WriteSource(runId + "-" + phase.ordinal(), new SharedBudget(options.write(), stop), date, largest);
        try (ProbeSessions sessions = new ProbeSessions(connector, endpoint, connections, phase)) {
            record(WritePhase.run(sessions, phase, scratch, source), writes);
        } catch (RuntimeException e) {
            notes.add(phase.label() + " failed: " + e.getMessage());
        }
    }

    /** On the control session, or on a new one when that one was lost. */
    private ScratchCleanup delete(ImapConnector connector, ImapSession control, MailboxName scratch) {
        RuntimeException first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ImapSession session = attempt == 0 && control.isOpen() ? control : null;
            try {
                if (session == null) {
                    session = connector.connect(endpoint);
                }
                ScratchFolder.delete(session, scratch);
                return new ScratchCleanup(scratch.name(), true, null);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            } finally {
                if (session != null && session != control) {
                    session.close();
                }
            }
        }
        return new ScratchCleanup(scratch.name(), false, first.getMessage());
    }

    private void record(PhaseOutcome outcome, List<Throughput> into) {
        if (outcome.throughput() != null) {
            into.add(outcome.throughput());
        }
        limits.addAll(outcome.limits());
        notes.addAll(outcome.notes());
    }

    private static Duration since(long begin) {
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
