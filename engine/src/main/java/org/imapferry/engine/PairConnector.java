package org.imapferry.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.imapferry.engine.connection.AuthenticationFailedException;
import org.imapferry.engine.connection.Backoff;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ConnectionFailedException;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.TlsFailedException;
import org.imapferry.engine.connection.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection pairs of a run, a migration's or a verification's: a source and a target
 * session on one event loop, so that bytes pass from one socket to the other without a hand-off.
 * It owns the event loops and the run's bandwidth limit, and replaces lost sessions.
 *
 * <p>A lost session is opened again after a wait that doubles with each failure in a row
 * ({@link Backoff}), under one budget of reconnections for the whole run. A connection dropped
 * during its setup is always worth another try; a refused connection, a greeting that is not
 * IMAP's, a [LIMIT] at login, or a server that cannot be reached, only when a lost session is
 * replaced (then it is a restart, not a wrong address): a new pair turned away by a provider's
 * connection cap gives up at once and leaves the work to the pairs that have sessions.
 * Authentication and TLS failures are never tried again.
 */
public final class PairConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PairConnector.class);

    /** A source and a target session on one event loop. */
    public record SessionPair(ImapSession source, ImapSession target) {
        public boolean isOpen() {
            return source.isOpen() && target.isOpen();
        }

        /** LOGOUT where the connection still stands, then close both. */
        public void close() {
            source.close();
            target.close();
        }
    }

    /** A side could not be opened; the cause is the typed failure (authentication, TLS, connection). */
    public static final class SideFailedException extends RuntimeException {
        private final boolean source;

        SideFailedException(boolean source, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.source = source;
        }

        /** Whether it was the source (host1) side. */
        public boolean source() {
            return source;
        }
    }

    private final Endpoint source;
    private final Endpoint target;
    private final Transport transport = Transport.best();
    private final EventLoopGroup group;
    private final GlobalTrafficShapingHandler shaping;
    private final ImapConnector sourceConnector;
    private final ImapConnector targetConnector;
    private final AtomicInteger reconnectsLeft;
    private final int reconnectMax;
    private final Backoff backoff;
    private final StopSignal stop;
    private final ConnectionCount count = new ConnectionCount();
    private final AtomicBoolean sourceReached = new AtomicBoolean();
    private final AtomicBoolean targetReached = new AtomicBoolean();

    /**
     * @param loops             event loop threads
     * @param maxBytesPerSecond imapsync's --maxbytespersecond over every target connection, or 0
     * @param reconnectMax      the run's budget of reconnections (--reconnect-max)
     */
    public PairConnector(
            Endpoint source,
            Endpoint target,
            int loops,
            long maxBytesPerSecond,
            int reconnectMax,
            Backoff backoff,
            StopSignal stop) {
        this.source = source;
        this.target = target;
        this.group = transport.newGroup(loops);
        // One shaper for all target connections: the limit holds for the run, not per connection.
        this.shaping = maxBytesPerSecond > 0 ? new GlobalTrafficShapingHandler(group, maxBytesPerSecond, 0) : null;
        this.sourceConnector = new ImapConnector(group, transport);
        this.targetConnector = new ImapConnector(group, transport, shaping);
        this.reconnectMax = reconnectMax;
        this.reconnectsLeft = new AtomicInteger(reconnectMax);
        this.backoff = backoff;
        this.stop = stop;
    }

    public EventLoop nextLoop() {
        return group.next();
    }

    /**
     * Opens both sessions on {@code loop}, logged in unless {@code login} is false (imapsync's
     * --justconnect).
     *
     * @param retry whether a failed connection is tried again as the class says; a pair that is
     *              only an extra helper gives up at once instead
     * @throws SideFailedException when a side cannot be opened
     */
    public SessionPair open(EventLoop loop, boolean login, boolean retry) {
        // Both sides at once: each setup is several round trips to its own server (greeting,
        // TLS, LOGIN, ENABLE, ID), so a pair waits for the slower side, not for the sum.
        CompletableFuture<ImapSession> target = new CompletableFuture<>();
        Thread opener = new Thread(
                () -> {
                    try {
                        target.complete(openSide(false, loop, login, retry, 1));
                    } catch (RuntimeException e) {
                        target.completeExceptionally(e);
                    }
                },
                "imapferry-connect-" + this.target.describe());
        opener.setDaemon(true);
        opener.start();
        ImapSession s;
        try {
            s = openSide(true, loop, login, retry, 1);
        } catch (RuntimeException e) {
            // The source's failure is the one to report; a target that opens after it is closed.
            target.thenAccept(ImapSession::close);
            throw e;
        }
        try {
            return new SessionPair(s, target.join());
        } catch (CompletionException e) {
            s.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The pair with both sessions open: an open session is kept, a lost one is replaced (a
     * reconnection, counted for the statistics and taken from the budget).
     *
     * @throws SideFailedException when a lost side cannot be opened again within the budget
     */
    public SessionPair restore(SessionPair pair, EventLoop loop) {
        if (pair.isOpen()) {
            return pair;
        }
        ImapSession s = pair.source();
        ImapSession t = pair.target();
        try {
            boolean waited = false;
            if (!s.isOpen()) {
                s.close();
                s = reconnect(true, loop, true);
                waited = true;
            }
            if (!t.isOpen()) {
                t.close();
                // Both sides lost together (a source cut mid-message closes the target too):
                // one wait for the pair, not one a side.
                t = reconnect(false, loop, !waited);
            }
            return new SessionPair(s, t);
        } catch (RuntimeException e) {
            s.close();
            t.close();
            throw e;
        }
    }

    private ImapSession reconnect(boolean isSource, EventLoop loop, boolean wait) {
        if (stop.requested()) {
            // A stop closes sessions on purpose: that is no lost connection to count or replace.
            throw new SideFailedException(isSource, new ConnectionClosedException("the run was stopped", null));
        }
        if (!takeReconnection()) {
            throw new SideFailedException(
                    isSource,
                    new ConnectionClosedException(
                            "the connection to "
                                    + (isSource ? source : target).describe() + " was lost, and the run's "
                                    + reconnectMax
                                    + " reconnection(s) (--reconnect-max) are used up",
                            null));
        }
        count.reconnected(isSource);
        if (wait && !sleepBefore(1, isSource, "the connection was lost")) {
            throw new SideFailedException(isSource, new ConnectionClosedException("the run was stopped", null));
        }
        return openSide(isSource, loop, true, true, 2);
    }

    /**
     * @param first the place of this attempt in the run of failures, for the backoff: 1 for a
     *              first open, 2 when a lost session is replaced (the first wait is behind it)
     */
    private ImapSession openSide(boolean isSource, EventLoop loop, boolean login, boolean retry, int first) {
        Endpoint endpoint = isSource ? source : target;
        ImapConnector connector = isSource ? sourceConnector : targetConnector;
        AtomicBoolean reached = isSource ? sourceReached : targetReached;
        for (int attempt = first; ; attempt++) {
            try {
                ImapSession session =
                        login ? connector.connect(endpoint, loop) : connector.connectWithoutLogin(endpoint, loop);
                reached.set(true);
                count.opened();
                return session;
            } catch (AuthenticationFailedException | TlsFailedException e) {
                throw new SideFailedException(isSource, e);
            } catch (ConnectionClosedException | ConnectionFailedException e) {
                boolean replacing = first > 1;
                boolean worthAnother = e instanceof ConnectionClosedException || replacing && reached.get();
                if (!retry || !worthAnother || !takeReconnection()) {
                    throw new SideFailedException(isSource, e);
                }
                if (!sleepBefore(attempt, isSource, e.getMessage())) {
                    throw new SideFailedException(isSource, e);
                }
            }
        }
    }

    private boolean takeReconnection() {
        return reconnectsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** @return false if the run was asked to stop meanwhile */
    private boolean sleepBefore(int attempt, boolean isSource, String why) {
        Duration wait = backoff.cappedAt((isSource ? source : target).timeout())
                .delay(attempt, ThreadLocalRandom.current().nextDouble());
        LOG.warn(
                "{}: {}; connecting again in {} ms ({} reconnection(s) left)",
                (isSource ? source : target).describe(),
                why,
                wait.toMillis(),
                reconnectsLeft.get());
        try {
            return !stop.await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reconnections the run may still make. */
    int reconnectsLeft() {
        return reconnectsLeft.get();
    }

    /** Sessions opened and replaced so far. */
    ConnectionCount count() {
        return count;
    }

    @Override
    public void close() {
        if (shaping != null) {
            shaping.release();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
