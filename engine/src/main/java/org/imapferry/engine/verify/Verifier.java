package org.imapferry.engine.verify;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
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
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(Math.min(options.connections(), Runtime.getRuntime().availableProcessors()));
        List<String> errors = new CopyOnWriteArrayList<>();
        Map<Integer, VerifyReport.FolderResult> results = new ConcurrentSkipListMap<>();
        try {
            ImapConnector connector = new ImapConnector(group, transport);
            List<FolderPair> pairs;
            try (ImapSession source = connector.connect(options.source());
                 ImapSession target = connector.connect(options.target())) {
                FolderPlanner planner = new FolderPlanner(options.folders());
                pairs = planner.plan(FolderPlanner.list(source, options.folders().prefix1(), options.folders().sep1()),
                        FolderPlanner.list(target, options.folders().prefix2(), options.folders().sep2()));
            } catch (FolderCollisionException e) {
                throw e;
            } catch (RuntimeException e) {
                return new VerifyReport(List.of(), List.of(e.getMessage()));
            }
            verifyInParallel(connector, pairs, results, errors);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        return new VerifyReport(new ArrayList<>(results.values()), new ArrayList<>(errors));
    }

    /** Folders over several connection pairs at once, as a migration copies them; results in plan order. */
    private void verifyInParallel(ImapConnector connector, List<FolderPair> pairs,
                                  Map<Integer, VerifyReport.FolderResult> results, List<String> errors) {
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
                    try (ImapSession source = connector.connect(options.source());
                         ImapSession target = connector.connect(options.target())) {
                        for (int i = next.getAndIncrement(); i < pairs.size(); i = next.getAndIncrement()) {
                            try {
                                results.put(i, verifier.verify(source, target, pairs.get(i), pool));
                            } catch (RuntimeException e) {
                                errors.add(pairs.get(i).source().name() + ": " + e.getMessage());
                            }
                        }
                    } catch (RuntimeException e) {
                        errors.add(e.getMessage());
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
}
