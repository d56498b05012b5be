package org.imapferry.engine.verify;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.imapferry.engine.PairConnector;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.Backoff;
import org.imapferry.engine.folder.FolderCollisionException;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.folder.FolderPlanner;

/**
 * Proves a migration: every selected source folder is compared with its target folder, message
 * by message, by content digest, flags and date. Read-only on both sides.
 *
 * <pre>
 * VerifyReport report = new Verifier(options, VerifyOptions.strict()).run();
 * </pre>
 */
public final class Verifier {
    private final SyncOptions options;
    private final VerifyOptions verifyOptions;

    public Verifier(SyncOptions options, VerifyOptions verifyOptions) {
        this.options = options;
        this.verifyOptions = verifyOptions;
    }

    public VerifyReport run() {
        List<String> errors = new CopyOnWriteArrayList<>();
        Map<Integer, VerifyReport.FolderResult> results = new ConcurrentSkipListMap<>();
        try (PairConnector connector = new PairConnector(
                options.source(),
                options.target(),
                Math.min(options.connections(), Runtime.getRuntime().availableProcessors()),
                0,
                options.reconnectMax(),
                Backoff.DEFAULT,
                new StopSignal())) {
            List<FolderPair> pairs;
            PairConnector.SessionPair control = null;
            try {
                control = connector.open(connector.nextLoop(), true, true);
                FolderPlanner planner = new FolderPlanner(options.folders());
                pairs = planner.plan(
                        FolderPlanner.list(
                                control.source(),
                                options.folders().prefix1(),
                                options.folders().sep1()),
                        FolderPlanner.list(
                                control.target(),
                                options.folders().prefix2(),
                                options.folders().sep2()));
            } catch (FolderCollisionException e) {
                throw e;
            } catch (RuntimeException e) {
                return new VerifyReport(List.of(), List.of(e.getMessage()));
            } finally {
                if (control != null) {
                    control.close();
                }
            }
            verifyInParallel(connector, pairs, results, errors);
        }
        return new VerifyReport(new ArrayList<>(results.values()), new ArrayList<>(errors));
    }

    /** Folders over several connection pairs at once, as a migration copies them; results in plan order. */
    private void verifyInParallel(
            PairConnector connector,
            List<FolderPair> pairs,
            Map<Integer, VerifyReport.FolderResult> results,
            List<String> errors) {
        AtomicInteger next = new AtomicInteger();
        FolderVerifier verifier = new FolderVerifier(options.messages().useHeaders(), verifyOptions);
        int workers = Math.max(1, Math.min(options.connections(), pairs.size()));
        // Each worker reads the source itself and the target on a thread of its own: blocking reads
        // do not belong in the common fork-join pool, which has one thread on two cores.
        ExecutorService pool = Executors.newFixedThreadPool(2 * workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    EventLoop loop = connector.nextLoop();
                    PairConnector.SessionPair sessions = null;
                    try {
                        sessions = connector.open(loop, true, true);
                        for (int i = next.getAndIncrement(); i < pairs.size(); i = next.getAndIncrement()) {
                            sessions = verifyFolder(
                                    connector, loop, sessions, verifier, pairs.get(i), pool, i, results, errors);
                        }
                    } catch (RuntimeException e) {
                        errors.add(e.getMessage());
                    } finally {
                        if (sessions != null) {
                            sessions.close();
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add("verification interrupted");
        } catch (ExecutionException e) {
            errors.add(String.valueOf(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One folder; after a lost connection, again on sessions the connector restores, while the
     * run's reconnections last.
     *
     * @return the sessions to go on with
     */
    private static PairConnector.SessionPair verifyFolder(
            PairConnector connector,
            EventLoop loop,
            PairConnector.SessionPair sessions,
            FolderVerifier verifier,
            FolderPair pair,
            ExecutorService pool,
            int index,
            Map<Integer, VerifyReport.FolderResult> results,
            List<String> errors) {
        PairConnector.SessionPair current = sessions;
        while (true) {
            try {
                results.put(index, verifier.verify(current.source(), current.target(), pair, pool));
                return current;
            } catch (RuntimeException e) {
                if (current.isOpen()) {
                    errors.add(pair.source().name() + ": " + e.getMessage());
                    return current;
                }
                try {
                    current = connector.restore(current, loop);
                } catch (PairConnector.SideFailedException lost) {
                    errors.add(pair.source().name() + ": " + e.getMessage());
                    throw lost;
                }
            }
        }
    }
}
