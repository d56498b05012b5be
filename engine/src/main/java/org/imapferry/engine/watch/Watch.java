package org.imapferry.engine.watch;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.Transport;
import org.imapferry.protocol.types.MailboxName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --watch}: the first pass (the normal run), then the target kept in step with the source
 * until the stop or {@code --watch-until}.
 *
 * <pre>
 * Watch.Outcome outcome = new Watch(options, new WatchOptions(null, Duration.ofSeconds(30)), listener,
 *         WatchListener.NONE, stop).run();
 * </pre>
 * A {@link SourceWatcher} hears of changes on a session of its own; each batch of them is relayed
 * by the engine's own pass over the folders that changed ({@link SyncEngine} with the state file,
 * incremental and exact), so there is one copy path. A stop heard while waiting ends the watch in
 * step; a pass under way when it comes gets {@link #LAST_PASS} to finish, else it is stopped as a
 * normal run would be, and the report says so.
 */
public final class Watch {
    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);
    /** What the passes after a stop may take, well within the CLI's grace after a signal. */
    static final Duration LAST_PASS = Duration.ofSeconds(5);

    private static final Duration FEED_CLOSE = Duration.ofSeconds(2);

    /** The run's report, every pass merged, and what the watch did. */
    public record Outcome(SyncReport report, WatchReport watch) {}

    private final SyncOptions options;
    private final WatchOptions watch;
    private final SyncListener listener;
    private final WatchListener status;
    private final StopSignal stop;
    private final Clock clock;

    public Watch(
            SyncOptions options, WatchOptions watch, SyncListener listener, WatchListener status, StopSignal stop) {
        this(options, watch, listener, status, stop, Clock.systemUTC());
    }

    Watch(
            SyncOptions options,
            WatchOptions watch,
            SyncListener listener,
            WatchListener status,
            StopSignal stop,
            Clock clock) {
        this.options = options;
        this.watch = watch;
        this.listener = listener;
        this.status = status;
        this.stop = stop;
        this.clock = clock;
    }

    public Outcome run() {
        RelayTimer timer = new RelayTimer(listener, clock);
        SyncReport first = new SyncEngine(options, timer, stop).run();
        if (first.mode() != SyncReport.Mode.COPY || first.aborted() || first.stopped()) {
            return new Outcome(first, WatchReport.NOT_STARTED);
        }
        Notices notices = new Notices(clock);
        StopSignal feedStop = new StopSignal();
        // A pass under way when the stop comes, and the last one, get LAST_PASS to finish.
        StopSignal cut = new StopSignal();
        Runnable unregister = stop.onRequest(() -> {
            feedStop.request();
            notices.close();
            CompletableFuture.delayedExecutor(LAST_PASS.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(cut::request);
        });
        Tally tally = new Tally(timer);
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        SourceWatcher watcher = new SourceWatcher(
                new ImapConnector(group, transport),
                options.source(),
                watch.interval(),
                notices,
                feedStop,
                new SourceWatcher.Events() {
                    @Override
                    public void following(String mechanism) {
                        tally.mechanism.set(mechanism);
                        tally.connections.incrementAndGet();
                        status.watching(tally.report(false));
                    }

                    @Override
                    public void lost(String why) {
                        status.watching(tally.report(false));
                    }
                });
        AtomicReference<RuntimeException> feedFailure = new AtomicReference<>();
        Thread feed = new Thread(
                () -> {
                    try {
                        watcher.run();
                    } catch (RuntimeException e) {
                        LOG.error("the watch stopped hearing the source", e);
                        feedFailure.set(e);
                    } finally {
                        // A watcher that ended on its own can no longer hear anything: the watch ends too.
                        notices.close();
                    }
                },
                "imapferry-watch");
        feed.setDaemon(true);
        feed.start();
        Relayed relayed;
        try {
            relayed = relay(notices, timer, tally, first, feedStop, cut);
        } finally {
            unregister.run();
            feedStop.request();
            notices.close();
            joinQuietly(feed);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        WatchReport done = tally.report(relayed.pending());
        RuntimeException failure = feedFailure.get();
        List<SyncReport.SyncError> lost = failure == null
                ? List.of()
                : List.of(new SyncReport.SyncError(
                        SyncReport.Kind.CONNECTION_SOURCE,
                        null,
                        0,
                        "the watch stopped hearing the source: " + failure.getMessage()));
        SyncReport report =
                ReportMerge.ended(relayed.report(), clock.instant(), relayed.pending(), done.reconnections(), lost);
        return new Outcome(report, done);
    }

    /**
     * Runs a pass for each batch of notices until the stop, the deadline, or too many errors;
     * then one last pass for what was heard meanwhile (often the echo of the last pass's own
     * reads), so that a watch stopped between changes ends in step. After a stop, the pass under
     * way and the last one have {@link #LAST_PASS} in all before they are cut short.
     */
    private Relayed relay(
            Notices notices, RelayTimer timer, Tally tally, SyncReport merged, StopSignal feedStop, StopSignal cut) {
        int failedInARow = 0;
        while (true) {
            Notices.Batch batch;
            try {
                batch = notices.take(watch.until());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Relayed(merged, true);
            }
            if (batch == null) {
                break;
            }
            if (stop.requested()) {
                notices.putBack(batch);
                break;
            }
            if (outsideThePlan(batch, merged)) {
                // A folder the options leave out (Spam, say): no pass, no connection.
                continue;
            }
            SyncReport pass = pass(batch, timer, tally, cut);
            merged = ReportMerge.merge(merged, pass);
            if (pass.stopped()
                    || merged.aborted()
                    || merged.errors().size() >= options.modes().errorsMax()) {
                return new Relayed(merged, !notices.isEmpty());
            }
            if (unfinished(pass)) {
                // The servers could not be reached, or a folder failed as a whole: try again later.
                notices.putBack(batch);
                failedInARow++;
                try {
                    if (stop.await(Backoff.RECONNECT.after(failedInARow))) {
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Relayed(merged, true);
                }
            } else {
                failedInARow = 0;
            }
            if (watch.until() != null && !clock.instant().isBefore(watch.until())) {
                break;
            }
        }
        // Heard from now on: only the echo of the last pass's own reads.
        feedStop.request();
        Notices.Batch rest = notices.drain();
        if (rest == null) {
            return new Relayed(merged, false);
        }
        return new Relayed(ReportMerge.merge(merged, pass(rest, timer, tally, cut)), false);
    }

    /**
     * @param pending changes were heard of that no pass relayed
     */
    private record Relayed(SyncReport report, boolean pending) {}

    /** One pass over a batch; {@code cut} ends it early. */
    private SyncReport pass(Notices.Batch batch, RelayTimer timer, Tally tally, StopSignal cut) {
        timer.relaying(batch);
        try {
            // After a (re)connection every folder is looked at, the unchanged ones skipped by their STATUS.
            SyncReport pass = new SyncEngine(
                            options,
                            timer,
                            cut,
                            batch.sweep() ? null : batch.folders().keySet())
                    .run();
            tally.passes.incrementAndGet();
            tally.flagsUpdated.addAndGet(pass.flagsUpdated());
            tally.deletedOnTarget.addAndGet(pass.deletedOnTarget());
            status.watching(tally.report(false));
            return pass;
        } finally {
            timer.relaying(null);
        }
    }

    /**
     * Whether every folder of a batch of message changes is one no pass would copy. A folder
     * that appeared or was renamed is planned first: the options may select it.
     */
    static boolean outsideThePlan(Notices.Batch batch, SyncReport merged) {
        if (batch.sweep() || batch.folderList()) {
            return false;
        }
        Set<MailboxName> planned = new HashSet<>();
        merged.plan().forEach(p -> planned.add(MailboxName.of(p.source())));
        return batch.folders().keySet().stream().noneMatch(planned::contains);
    }

    private static boolean unfinished(SyncReport pass) {
        return pass.folders().stream().anyMatch(SyncReport.FolderReport::stopped)
                || pass.errors().stream().anyMatch(e -> e.folder() == null);
    }

    /** A server slow to end the IDLE must not hold the report past the CLI's grace after a signal. */
    private static void joinQuietly(Thread thread) {
        try {
            thread.join(FEED_CLOSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the watching connection did not close within {} s; it is dropped", FEED_CLOSE.toSeconds());
        }
    }

    /** The watch's counters, read for the status line from any thread. */
    private static final class Tally {
        final RelayTimer timer;
        final AtomicReference<String> mechanism = new AtomicReference<>("");
        /** Sessions the watcher opened to the source: every one after the first is a reconnection. */
        final AtomicInteger connections = new AtomicInteger();

        final AtomicLong passes = new AtomicLong();
        final AtomicLong flagsUpdated = new AtomicLong();
        final AtomicLong deletedOnTarget = new AtomicLong();

        Tally(RelayTimer timer) {
            this.timer = timer;
        }

        WatchReport report(boolean pending) {
            LagStatistics lags = timer.lags();
            return new WatchReport(
                    mechanism.get(),
                    passes.get(),
                    timer.relayed(),
                    flagsUpdated.get(),
                    deletedOnTarget.get(),
                    lags.median(),
                    lags.max(),
                    lags.count(),
                    timer.lastRelayed(),
                    timer.lastFolder(),
                    Math.max(0, connections.get() - 1),
                    pending);
        }
    }
}
