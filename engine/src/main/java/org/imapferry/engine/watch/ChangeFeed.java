package org.imapferry.engine.watch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.types.Capability;

/**
 * How a watch hears of changes on the source, over one session of its own: NOTIFY where the
 * server offers it, IDLE and STATUS polls elsewhere.
 */
sealed interface ChangeFeed permits NotifyFeed, PollingFeed {
    /**
     * RFC 2177 §3: a client re-issues IDLE at least every 29 minutes, since a server may log out
     * a client idle for longer.
     */
    Duration REIDLE = Duration.ofMinutes(25);

    /** How long a server may take to accept IDLE, end it, or answer a poll. */
    Duration ANSWER = Duration.ofSeconds(60);

    Capability NOTIFY = new Capability("NOTIFY");
    Capability IDLE = new Capability("IDLE");

    static ChangeFeed of(ImapSession session, Duration interval) {
        return session.has(NOTIFY) ? NotifyFeed.every(interval) : PollingFeed.on(session, interval);
    }

    /** "NOTIFY", "IDLE+STATUS" or "STATUS", for the status line and the report. */
    String mechanism();

    /**
     * Tells {@code notices} of every change until the stop; {@link Notices#everything} once
     * listening, since changes made before were not heard.
     *
     * @throws org.imapferry.engine.connection.ConnectionClosedException when the connection is lost
     */
    void follow(ImapSession session, Notices notices, StopSignal stop);

    /** Waits up to {@code most}, less when the stop is requested or the IDLE ends (a lost connection). */
    static void rest(IdleExchange idle, StopSignal stop, Duration most) {
        CompletableFuture<Object> wake = new CompletableFuture<>();
        Runnable unregister = stop.onRequest(() -> wake.complete(null));
        idle.ended().whenComplete((ok, error) -> wake.complete(null));
        try {
            wake.get(most.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Time to re-IDLE or to poll.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request();
        } finally {
            unregister.run();
        }
    }
}
