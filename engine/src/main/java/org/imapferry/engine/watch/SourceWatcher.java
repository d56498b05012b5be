package org.imapferry.engine.watch;

import java.time.Duration;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.AuthenticationFailedException;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ConnectionFailedException;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one session to the source following its changes until the stop. A lost connection (the
 * server restarted, the network dropped, the server refused a command) is replaced after a
 * {@link Backoff#RECONNECT} wait, and the new session starts with a look at every folder, so a
 * change made while no one listened is relayed all the same.
 */
final class SourceWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceWatcher.class);

    /** What the watch learns of the connection: the mechanism in use, and each loss. */
    interface Events {
        void following(String mechanism);

        void lost(String why);
    }

    private final ImapConnector connector;
    private final Endpoint source;
    private final Duration interval;
    private final Notices notices;
    private final StopSignal stop;
    private final Events events;

    SourceWatcher(
            ImapConnector connector,
            Endpoint source,
            Duration interval,
            Notices notices,
            StopSignal stop,
            Events events) {
        this.connector = connector;
        this.source = source;
        this.interval = interval;
        this.notices = notices;
        this.stop = stop;
        this.events = events;
    }

    @Override
    public void run() {
        int failures = 0;
        boolean notifyRefused = false;
        while (!stop.requested()) {
            ImapSession session = null;
            try {
                session = connector.connect(source);
                failures = 0;
                ChangeFeed feed = notifyRefused ? PollingFeed.on(session, interval) : ChangeFeed.of(session, interval);
                events.following(feed.mechanism());
                feed.follow(session, notices, stop);
            } catch (ConnectionFailedException
                    | ConnectionClosedException
                    | ImapCommandException
                    | AuthenticationFailedException e) {
                // A refused login is tried again too: a server restarting may refuse one for a while.
                if (stop.requested()) {
                    return;
                }
                if (e instanceof ImapCommandException refused
                        && refused.command().equals("NOTIFY")) {
                    // A server may announce NOTIFY and refuse the events asked for: poll instead.
                    LOG.warn(
                            "watching {}: NOTIFY refused ({}); polling every {} s instead",
                            source.host(),
                            e.getMessage(),
                            interval.toSeconds());
                    notifyRefused = true;
                    continue;
                }
                failures++;
                Duration wait = Backoff.RECONNECT.after(failures);
                LOG.warn("watching {}: {}; connecting again in {} s", source.host(), e.getMessage(), wait.toSeconds());
                events.lost(e.getMessage());
                try {
                    stop.await(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                if (session != null) {
                    session.close();
                }
            }
        }
    }
}
