package org.imapferry.engine;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.imapferry.engine.connection.AuthenticationFailedException;
import org.imapferry.engine.connection.Backoff;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.TlsFailedException;
import org.imapferry.engine.folder.FolderBytes;
import org.imapferry.engine.folder.FolderCreation;
import org.imapferry.engine.folder.FolderMapping;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.folder.FolderPlanner;
import org.imapferry.engine.state.AccountPair;
import org.imapferry.engine.state.FolderStatuses;
import org.imapferry.engine.state.SelectionFingerprint;
import org.imapferry.engine.state.SyncState;
import org.imapferry.engine.state.UnchangedFolders;
import org.imapferry.engine.transfer.CopyContext;
import org.imapferry.engine.transfer.FolderTransfer;
import org.imapferry.engine.transfer.FolderTransferException;
import org.imapferry.engine.transfer.RateGovernor;
import org.imapferry.engine.transfer.Resumption;
import org.imapferry.engine.transfer.Slice;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the selected folders and messages of one account to another.
 *
 * <pre>
 * SyncReport report = new SyncEngine(options, listener).run();
 * </pre>
 * One control pair of sessions lists both accounts and creates the missing folders; then
 * {@code connections} pairs copy folders in parallel, each pair on one event loop. Failures are in
 * the report, classified; a failed folder does not stop the others.
 */
public final class SyncEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
    /** What a folder that exhausted the heap reports: the remedy, not the connection it ended. */
    private static final String HEAP_EXHAUSTED = "imapferry ran out of memory (a heap of "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MB); run the same command again with a larger heap, e.g. JAVA_OPTS=-Xmx1g";

    private final SyncOptions options;
    private final MessageIdCount listener;
    private final StopSignal stop;
    /** The source folders a watch saw change, or null: every selected folder. */
    private final Set<MailboxName> changedOnly;

    public SyncEngine(SyncOptions options, SyncListener listener) {
        this(options, listener, new StopSignal());
    }

    /** @param stop a request to end the run early: the report then says it was stopped */
    public SyncEngine(SyncOptions options, SyncListener listener, StopSignal stop) {
        this(options, listener, stop, null);
    }

    /**
     * A run over these source folders only (those of them the options select), each read on both
     * sides whatever its STATUS says: a watch saw them change, and without CONDSTORE a flag change
     * leaves STATUS as the state file recorded it.
     *
     * @param changedOnly source folder names, or null for every selected folder
     */
    public SyncEngine(SyncOptions options, SyncListener listener, StopSignal stop, Set<MailboxName> changedOnly) {
        this.options = options;
        this.listener = new MessageIdCount(listener);
        this.stop = stop;
        this.changedOnly = changedOnly == null ? null : Set.copyOf(changedOnly);
    }

    public SyncReport run() {
        Instant started = Instant.now();
        List<SyncReport.SyncError> errors = new CopyOnWriteArrayList<>();
        List<SyncReport.FolderReport> folders = new CopyOnWriteArrayList<>();
        Outcome outcome = new Outcome();
        SyncOptions.Modes modes = options.modes();
        // imapsync's --maxbytespersecond and --maxmessagespersecond hold for the whole run, over
        // every connection: the connector shapes all target connections, one governor paces all relays.
        RateGovernor governor = new RateGovernor(options.pace().maxMessagesPerSecond());
        PairConnector connector = new PairConnector(
                options.source(),
                options.target(),
                Math.min(options.connections(), Runtime.getRuntime().availableProcessors()),
                options.pace().maxBytesPerSecond(),
                options.reconnectMax(),
                Backoff.DEFAULT,
                stop);
        ConnectionCount connections = connector.count();
        try {
            PairConnector.SessionPair control;
            try {
                control = connector.open(connector.nextLoop(), !modes.justConnect(), true);
            } catch (PairConnector.SideFailedException e) {
                errors.add(error(e));
                outcome.aborted = true;
                return report(started, folders, errors, connections, outcome);
            }
            ImapSession source = control.source();
            ImapSession target = control.target();
            try {
                listener.connected(
                        true, source.greeting(), source.capabilities().toString());
                listener.connected(
                        false, target.greeting(), target.capabilities().toString());
                if (modes.justConnect() || modes.justLogin()) {
                    return report(started, folders, errors, connections, outcome);
                }
                FolderPlanner planner = new FolderPlanner(options.folders());
                // Both sides listed at once: each listing is one pipelined round trip, and the
                // two overlap.
                FolderPlanner.PendingListing sourceListed = FolderPlanner.request(
                        source, options.folders().prefix1(), options.folders().sep1());
                FolderPlanner.PendingListing targetListed = FolderPlanner.request(
                        target, options.folders().prefix2(), options.folders().sep2());
                FolderPlanner.Listing sourceListing = sourceListed.listing();
                FolderPlanner.Listing targetListing = targetListed.listing();
                // A watch's pass: the first pass already named the missing folders.
                for (String missing :
                        changedOnly != null ? List.<String>of() : planner.missingRequested(sourceListing)) {
                    errors.add(new SyncReport.SyncError(
                            SyncReport.Kind.FOLDER_NOT_FOUND,
                            missing,
                            0,
                            "folder " + missing + " does not exist on " + source.name()));
                }
                List<FolderPair> pairs = planner.plan(sourceListing, targetListing).stream()
                        .filter(p -> changedOnly == null
                                || changedOnly.contains(p.source().name()))
                        .toList();
                // --justfoldersizes only measures; a dry run only says what it would create.
                boolean writes = !modes.dry() && !modes.justFolderSizes();
                // The target's CREATEs are under way while the source answers its STATUS.
                FolderCreation.Sent creations =
                        writes ? FolderCreation.send(target, FolderCreation.plan(pairs, targetListing)) : null;
                FolderStatuses sourceStatus = FolderStatuses.of(
                        source, pairs.stream().map(p -> p.source().name()).toList());
                Set<MailboxName> notCreated = creations == null ? Set.of() : creations.notCreated(errors);
                FolderStatuses targetStatus = FolderStatuses.of(
                        target,
                        pairs.stream()
                                .filter(FolderPair::targetExists)
                                .map(FolderPair::target)
                                .toList());
                outcome.sizes[0] = sourceStatus.total();
                outcome.sizes[1] = targetStatus.total();
                FolderStatuses targetAfter = targetStatus;
                if (!modes.justFolders() && !modes.justFolderSizes()) {
                    listener.planned(outcome.sizes[0].messages(), outcome.sizes[0].bytes());
                    boolean targetTouched;
                    try (SyncState state = options.stateFile() == null
                            ? null
                            : SyncState.open(options.stateFile(), AccountPair.of(options.source(), options.target()))) {
                        List<FolderPair> changed = changedOnly != null
                                ? pairs
                                : new UnchangedFolders(
                                                state,
                                                options.messages().delete2(),
                                                SelectionFingerprint.of(options.messages()))
                                        .filter(pairs, sourceStatus, targetStatus, folders, listener);
                        targetTouched = !changed.isEmpty() || pairs.stream().anyMatch(p -> !p.targetExists());
                        outcome.aborted = copyAll(changed, folders, errors, state, governor, sourceStatus, connector);
                    }
                    if (options.messages().delete2Folders() && !outcome.aborted && !stop.requested()) {
                        List<MailboxName> unmatched = planner.unmatchedOnTarget(sourceListing, targetListing);
                        if (modes.dry()) {
                            unmatched.forEach(f -> outcome.removedFolders.add(f.name()));
                        } else {
                            targetTouched = true;
                            outcome.removedFolders.addAll(deleteUnmatched(target, unmatched, errors));
                        }
                    }
                    // Every folder skipped and none created: the target is as its STATUS just said.
                    if (targetTouched && !modes.dry()) {
                        targetAfter = FolderStatuses.of(
                                target, pairs.stream().map(FolderPair::target).toList());
                    }
                    outcome.sizes[2] = targetAfter.total();
                } else if (modes.justFolders() && writes) {
                    targetAfter = FolderStatuses.of(
                            target, pairs.stream().map(FolderPair::target).toList());
                }
                Map<MailboxName, Long> sourceBytes = Map.of();
                Map<MailboxName, Long> targetBytes = Map.of();
                if (modes.justFolderSizes()) {
                    sourceBytes = bytesWithoutStatusSize(
                            source, pairs.stream().map(p -> p.source().name()).toList());
                    targetBytes = bytesWithoutStatusSize(
                            target,
                            pairs.stream()
                                    .filter(FolderPair::targetExists)
                                    .map(FolderPair::target)
                                    .toList());
                }
                Map<MailboxName, List<FolderMapping.Step>> steps =
                        planner.mappingSteps(sourceListing, targetListing, pairs);
                for (FolderPair pair : pairs) {
                    MailboxName from = pair.source().name();
                    outcome.plan.add(new SyncReport.PlannedFolder(
                            from.name(),
                            pair.target().name(),
                            steps.get(from).stream().map(Object::toString).toList(),
                            targetFolder(pair, writes, notCreated),
                            size(sourceStatus.get(from), sourceBytes.get(from)),
                            size(targetAfter.get(pair.target()), targetBytes.get(pair.target()))));
                }
            } catch (ConnectionClosedException e) {
                // The control pair lists, creates and sizes the folders, with no second try of its
                // own: the same command run again does it over, and finds in the state what the
                // copying pairs had confirmed.
                boolean sourceLost = !source.isOpen();
                errors.add(new SyncReport.SyncError(
                        sourceLost ? SyncReport.Kind.CONNECTION_SOURCE : SyncReport.Kind.CONNECTION_TARGET,
                        null,
                        0,
                        "the connection to " + (sourceLost ? source : target).name()
                                + " was lost while the folders were listed, created or sized: " + e.getMessage()
                                + "; run the same command again"));
                outcome.aborted = true;
            } finally {
                control.close();
            }
        } finally {
            connector.close();
        }
        return report(started, folders, errors, connections, outcome);
    }

    /** What the run gathers besides folder reports and errors, for the report. */
    private static final class Outcome {
        /** Source, target before, target after: from STATUS, for progress and the statistics block. */
        final SyncReport.AccountSize[] sizes = {
            SyncReport.AccountSize.UNKNOWN, SyncReport.AccountSize.UNKNOWN, SyncReport.AccountSize.UNKNOWN
        };

        final List<SyncReport.PlannedFolder> plan = new ArrayList<>();
        final List<String> removedFolders = new ArrayList<>();
        boolean aborted;
    }

    private static SyncReport.TargetFolder targetFolder(FolderPair pair, boolean writes, Set<MailboxName> notCreated) {
        if (pair.targetExists()) {
            return SyncReport.TargetFolder.EXISTED;
        }
        if (!writes) {
            return SyncReport.TargetFolder.WOULD_CREATE;
        }
        return notCreated.contains(pair.target())
                ? SyncReport.TargetFolder.NOT_CREATED
                : SyncReport.TargetFolder.CREATED;
    }

    /** @param measured the folder's bytes when STATUS could not tell them, or null */
    private static SyncReport.FolderSize size(StatusData status, Long measured) {
        if (status == null) {
            return SyncReport.FolderSize.UNKNOWN;
        }
        return new SyncReport.FolderSize(
                status.get("MESSAGES").orElse(-1), status.get("SIZE").orElse(measured == null ? -1 : measured));
    }

    /** --justfoldersizes: the bytes STATUS gives where the server has STATUS=SIZE, else the messages' sizes. */
    private static Map<MailboxName, Long> bytesWithoutStatusSize(ImapSession session, List<MailboxName> folders) {
        return session.has(new Capability("STATUS=SIZE")) ? Map.of() : FolderBytes.measure(session, folders);
    }

    private SyncReport.Mode mode() {
        SyncOptions.Modes m = options.modes();
        if (m.justConnect()) {
            return SyncReport.Mode.JUST_CONNECT;
        }
        if (m.justLogin()) {
            return SyncReport.Mode.JUST_LOGIN;
        }
        if (m.justFolderSizes()) {
            return SyncReport.Mode.JUST_FOLDER_SIZES;
        }
        if (m.justFolders()) {
            return SyncReport.Mode.JUST_FOLDERS;
        }
        return m.dry() ? SyncReport.Mode.DRY_RUN : SyncReport.Mode.COPY;
    }

    private SyncReport report(
            Instant started,
            List<SyncReport.FolderReport> folders,
            List<SyncReport.SyncError> errors,
            ConnectionCount connections,
            Outcome outcome) {
        List<SyncReport.FolderReport> sorted = new ArrayList<>(folders);
        sorted.sort((a, b) -> a.source().compareTo(b.source()));
        return new SyncReport(
                started,
                Instant.now(),
                sorted,
                List.copyOf(errors),
                outcome.sizes[0],
                outcome.sizes[1],
                outcome.sizes[2],
                connections.used(),
                connections.reconnections(),
                listener.withoutId(),
                outcome.aborted,
                stop.requested(),
                mode(),
                List.copyOf(outcome.plan),
                List.copyOf(outcome.removedFolders));
    }

    /** A side that could not be opened, as the error the exit code is chosen by. */
    private static SyncReport.SyncError error(PairConnector.SideFailedException e) {
        boolean source = e.source();
        SyncReport.Kind kind;
        if (e.getCause() instanceof AuthenticationFailedException) {
            kind = source ? SyncReport.Kind.AUTHENTICATION_SOURCE : SyncReport.Kind.AUTHENTICATION_TARGET;
        } else if (e.getCause() instanceof TlsFailedException) {
            kind = SyncReport.Kind.TLS;
        } else {
            kind = source ? SyncReport.Kind.CONNECTION_SOURCE : SyncReport.Kind.CONNECTION_TARGET;
        }
        return new SyncReport.SyncError(kind, null, 0, e.getMessage());
    }

    /** --delete2folders: DELETE each (children first); a refusal is reported, the others go on. */
    private List<String> deleteUnmatched(
            ImapSession target, List<MailboxName> folders, List<SyncReport.SyncError> errors) {
        List<String> deleted = new ArrayList<>();
        for (MailboxName folder : folders) {
            try {
                target.run(ImapCommands.delete(folder));
                deleted.add(folder.name());
                listener.folderDeleted(folder.name());
            } catch (ImapCommandException e) {
                errors.add(new SyncReport.SyncError(
                        SyncReport.Kind.FOLDER_DELETE,
                        folder.name(),
                        0,
                        "cannot delete " + folder + " on the target: " + e.getMessage()));
            }
        }
        return deleted;
    }

    /**
     * Runs {@code --connections} copying pairs over the folders. Each pair opens its sessions when
     * it first has work, so pairs beyond the number of folders only connect to take slices of a
     * large folder.
     *
     * @return true if the run stopped early (too many errors)
     */
    private boolean copyAll(
            List<FolderPair> pairs,
            List<SyncReport.FolderReport> folders,
            List<SyncReport.SyncError> errors,
            SyncState state,
            RateGovernor governor,
            FolderStatuses sourceStatus,
            PairConnector connector) {
        int workers = Math.max(1, options.connections());
        WorkBoard board = new WorkBoard(pairs, workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "imapferry-folder");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> running = new ArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Map<MailboxName, Earlier> earlier = new ConcurrentHashMap<>();
        List<SyncReport.SyncError> refusals = new CopyOnWriteArrayList<>();
        for (int i = 0; i < workers; i++) {
            running.add(pool.submit(() -> new CopyingPair(
                            connector,
                            connector.nextLoop(),
                            board,
                            folders,
                            errors,
                            state,
                            governor,
                            sourceStatus,
                            earlier,
                            stopped,
                            refusals)
                    .run()));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                errors.add(new SyncReport.SyncError(
                        SyncReport.Kind.OTHER,
                        null,
                        0,
                        outOfMemory(e.getCause()) ? HEAP_EXHAUSTED : String.valueOf(e.getCause())));
            }
        }
        pool.shutdownNow();
        boolean aborted = stopped.get() && errors.size() >= options.modes().errorsMax();
        if (!aborted) {
            // Every pair failed to connect: the folders none could take still get their line,
            // and the refusals, which were only warnings while another pair copied, are errors.
            List<FolderPair> left = board.stop();
            if (!left.isEmpty()) {
                errors.addAll(refusals.stream().distinct().toList());
            }
            SyncReport.Kind why = errors.stream()
                    .map(SyncReport.SyncError::kind)
                    .filter(k -> k == SyncReport.Kind.CONNECTION_SOURCE || k == SyncReport.Kind.CONNECTION_TARGET)
                    .reduce((first, last) -> last)
                    .orElse(SyncReport.Kind.TRANSFER);
            for (FolderPair pair : left) {
                SyncReport.FolderReport line = stopped(
                        pair,
                        sourceStatus,
                        "stopped: no connection pair could be opened for it",
                        earlier.get(pair.source().name()));
                folders.add(line);
                if (line.failed() > 0) {
                    // Named one by one, so that the errors say what a rerun has left to copy.
                    errors.add(new SyncReport.SyncError(
                            why,
                            line.source(),
                            0,
                            "not copied: " + line.failed()
                                    + " message(s), no connection pair could be opened for the folder"));
                }
            }
        }
        return aborted;
    }

    /**
     * What the attempts of a folder that lost a connection copied before, for its report, and
     * where the last of them left off (null if it stopped before its copy began).
     */
    private record Earlier(long copied, long bytes, Resumption resume, String serverFault) {
        /**
         * What one attempt stopped by {@code e} copied, and the server's words if its own doing
         * stopped it.
         */
        static Earlier of(RuntimeException e, PairConnector.SessionPair sessions) {
            String bye = sessions.source().byeText() != null
                    ? sessions.source().byeText()
                    : sessions.target().byeText();
            String byServer = bye != null
                    ? "the server closed the connection: BYE " + bye
                    : FolderTransferException.causedByServer(e) ? e.getMessage() : null;
            return e instanceof FolderTransferException f
                    ? new Earlier(f.copied(), f.bytesCopied(), f.resumption(), byServer)
                    : new Earlier(0, 0, null, byServer);
        }

        Earlier then(Earlier next) {
            return new Earlier(
                    copied + next.copied(),
                    bytes + next.bytes(),
                    next.resume() != null ? next.resume() : resume,
                    serverFault != null ? serverFault : next.serverFault());
        }
    }

    /** One copying pair of sessions, taking folders and slices from the board until none are left. */
    private final class CopyingPair {
        private final PairConnector connector;
        private final EventLoop loop;
        private final WorkBoard board;
        private final List<SyncReport.FolderReport> folders;
        private final List<SyncReport.SyncError> errors;
        private final SyncState state;
        private final CopyContext copy;
        private final FolderStatuses sourceStatus;
        /** Folders tried again after a lost connection, and what their earlier attempts copied. */
        private final Map<MailboxName, Earlier> earlier;

        private final AtomicBoolean stopped;
        /** Connections refused to pairs that then left the work to the others. */
        private final List<SyncReport.SyncError> refusals;

        private PairConnector.SessionPair sessions;

        CopyingPair(
                PairConnector connector,
                EventLoop loop,
                WorkBoard board,
                List<SyncReport.FolderReport> folders,
                List<SyncReport.SyncError> errors,
                SyncState state,
                RateGovernor governor,
                FolderStatuses sourceStatus,
                Map<MailboxName, Earlier> earlier,
                AtomicBoolean stopped,
                List<SyncReport.SyncError> refusals) {
            this.connector = connector;
            this.loop = loop;
            this.board = board;
            this.folders = folders;
            this.errors = errors;
            this.state = state;
            this.copy = new CopyContext(options, listener, governor, stop);
            this.sourceStatus = sourceStatus;
            this.earlier = earlier;
            this.stopped = stopped;
            this.refusals = refusals;
        }

        void run() {
            try {
                WorkBoard.Work work;
                while ((work = board.next()) != null) {
                    boolean goOn = work instanceof WorkBoard.SliceWork s
                            ? copySlice(s.slice())
                            : copyFolder(((WorkBoard.FolderWork) work).pair());
                    if (!goOn) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (sessions != null) {
                    sessions.close();
                }
            }
        }

        /** @return false if this pair cannot go on */
        private boolean copyFolder(FolderPair pair) {
            try {
                if (errors.size() >= options.modes().errorsMax()) {
                    stopped.set(true);
                    board.stop();
                    return true;
                }
                if (stop.requested()) {
                    folders.add(stopped(
                            pair,
                            sourceStatus,
                            "not started: the run was stopped",
                            earlier.get(pair.source().name())));
                    return true;
                }
                List<SyncReport.SyncError> refused = new ArrayList<>();
                if (!connect(refused, true)) {
                    // A provider that caps connections (NO [LIMIT] at login, a BYE greeting, a
                    // refused connect) turns away one pair more: the folder goes back to the
                    // pairs that have sessions, and the run goes on with fewer.
                    refused.forEach(e -> LOG.warn(
                            "a connection pair could not be opened, the run goes on with" + " fewer: {}", e.message()));
                    refusals.addAll(refused);
                    board.putBack(pair);
                    stopped.set(true);
                    return false;
                }
                List<SyncReport.SyncError> attempt = new ArrayList<>();
                try {
                    Earlier before = earlier.get(pair.source().name());
                    SyncReport.FolderReport report = new FolderTransfer(
                                    sessions.source(), sessions.target(), copy, attempt, state, board)
                            .run(pair, before == null ? null : before.resume());
                    folders.add(before == null ? report : report.withEarlierAttempt(before.copied(), before.bytes()));
                    errors.addAll(attempt);
                } catch (RuntimeException e) {
                    Earlier before = earlier.get(pair.source().name());
                    Earlier soFar = earlier.merge(pair.source().name(), Earlier.of(e, sessions), Earlier::then);
                    // A server that ends the folder its own way (BYE, silence, bytes that are not
                    // IMAP) would likely do it again: one more try, as before. The run's budget is
                    // for dropped connections.
                    if ((!sessions.isOpen() || lostConnection(e))
                            && !outOfMemory(e)
                            && !stop.requested()
                            && connector.reconnectsLeft() > 0
                            && (before == null || before.serverFault() == null)) {
                        // A lost connection (a server process died, the network dropped): again on
                        // new sessions. The next attempt trusts the pairs the target confirmed and
                        // finds what was in flight by its keys, so nothing arrives twice.
                        LOG.warn(
                                "{}: {}; the folder goes on over new sessions",
                                pair.source().name(),
                                e.getMessage());
                        board.putBack(pair);
                        return true;
                    }
                    errors.addAll(attempt);
                    // The server's words from the attempt before, if this one only met a closed door.
                    String why =
                            soFar.serverFault() == null || soFar.serverFault().equals(e.getMessage())
                                    ? e.getMessage()
                                    : e.getMessage() + "; the attempt before: " + soFar.serverFault();
                    if (outOfMemory(e)) {
                        why = HEAP_EXHAUSTED;
                    }
                    errors.add(new SyncReport.SyncError(
                            kindOf(e), pair.source().name().name(), 0, why));
                    folders.add(stopped(pair, sourceStatus, "stopped: " + why, soFar));
                }
                return true;
            } finally {
                board.folderDone();
            }
        }

        /**
         * A pair that cannot connect for a slice (a provider's connection limit, say) hands it
         * back to the folder's own pair and takes no more work: the run goes on without it.
         */
        private boolean copySlice(Slice slice) {
            if (stop.requested()) {
                // Its folder's own pair counts what the slice never reached.
                slice.handBack();
                return false;
            }
            List<SyncReport.SyncError> refused = new ArrayList<>();
            if (!connect(refused, false)) {
                refused.forEach(e -> LOG.warn(
                        "one more connection pair could not be opened, the run goes on" + " without it: {}",
                        e.message()));
                slice.handBack();
                return false;
            }
            slice.copyOn(sessions.source(), sessions.target(), copy);
            return true;
        }

        /**
         * Opens the pair's sessions, or replaces those that were lost; failures go to the list given.
         *
         * @param retry whether a first connection that fails is tried again (not for a helper)
         */
        private boolean connect(List<SyncReport.SyncError> failures, boolean retry) {
            try {
                sessions = sessions == null ? connector.open(loop, true, retry) : connector.restore(sessions, loop);
                return true;
            } catch (PairConnector.SideFailedException e) {
                sessions = null;
                failures.add(error(e));
                return false;
            }
        }
    }

    /**
     * The JVM's heap was too small for what a folder needed (a huge folder's plan): the same
     * attempt over new sessions would run out again, so it is not retried, and the error says
     * what to change rather than blaming the connection it happened to end.
     */
    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A folder that could not be copied still has its line in the report: what its attempts
     * copied (the target confirmed it) counts as copied, the rest as failed (the next run finds
     * the copies by their keys and copies the rest), so no statistics call the folder synced.
     *
     * @param before what earlier attempts copied, or null
     */
    private static SyncReport.FolderReport stopped(
            FolderPair pair, FolderStatuses sourceStatus, String note, Earlier before) {
        StatusData status = sourceStatus.get(pair.source().name());
        long messages = status == null ? 0 : status.get("MESSAGES").orElse(0);
        long bytes = status == null ? 0 : status.get("SIZE").orElse(0);
        long copied = before == null ? 0 : Math.min(messages, before.copied());
        long bytesCopied = before == null ? 0 : before.bytes();
        return new SyncReport.FolderReport(
                pair.source().name().name(),
                pair.target().name(),
                messages,
                bytes,
                copied,
                bytesCopied,
                0,
                0,
                0,
                messages - copied,
                !pair.targetExists(),
                Duration.ZERO,
                List.of(note),
                SyncReport.Planned.NONE,
                false,
                true);
    }

    private static SyncReport.Kind kindOf(RuntimeException e) {
        if (e instanceof ImapCommandException c && c.command().equals("SELECT")) {
            return SyncReport.Kind.FOLDER_NOT_FOUND;
        }
        return SyncReport.Kind.TRANSFER;
    }
}
