package org.imapferry.engine.watch;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.Notify;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.MailboxName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NOTIFY (RFC 5465) on a session that selects nothing, so every folder is a "non-selected
 * mailbox" to the server: a message added, expunged or flagged in one comes as an unsolicited
 * STATUS response naming it (§5.2, §5.3, §5.1 with CONDSTORE), a folder created, deleted or
 * renamed as a LIST response (§5.4; \NonExistent for a deleted one, OLDNAME for a renamed one).
 * One group, {@code personal}, covers every folder of the account, those created later included;
 * folders the options do not select are dropped when the pass is planned.
 *
 * <p>A server may go deaf while the session looks healthy: Dovecot 2.3.19 was seen to stop
 * telling of new mail in INBOX for 30 s at a time (its {@code mailbox_idle_check_interval}) in
 * the middle of a burst, and to tell nothing more at all after a second NOTIFY SET on the same
 * session. So every {@code look} the IDLE ends for a STATUS of every folder, compared with what
 * the last look and the notices since said. A folder that changed unheard is noticed then; if
 * its message count or UIDNEXT moved, which NOTIFY always tells (§5.2, §5.3), the server has
 * gone deaf and the feed ends, so that a new session registers afresh.
 *
 * @param look how long one IDLE lasts before DONE, the STATUS look and a new IDLE
 */
record NotifyFeed(Duration look) implements ChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyFeed.class);
    /** How long a notice may come after the change it tells of. */
    static final Duration LATE = Duration.ofSeconds(2);

    static final Notify EVERY_FOLDER = new Notify(
            false,
            List.of(new Notify.EventGroup(
                    Notify.Filter.PERSONAL,
                    List.of(),
                    EnumSet.of(
                            Notify.Event.MESSAGE_NEW,
                            Notify.Event.MESSAGE_EXPUNGE,
                            Notify.Event.FLAG_CHANGE,
                            Notify.Event.MAILBOX_NAME))));

    /** A look every --watch-interval, and at least as often as RFC 2177 asks an IDLE to be renewed. */
    static NotifyFeed every(Duration interval) {
        return new NotifyFeed(interval.compareTo(REIDLE) < 0 ? interval : REIDLE);
    }

    @Override
    public String mechanism() {
        return "NOTIFY";
    }

    /** Returns, without a stop, when the server missed a change: the caller listens on a new session. */
    @Override
    public void follow(ImapSession session, Notices notices, StopSignal stop) {
        session.run(EVERY_FOLDER);
        // Written by the event loop as notices come, read by this thread at each look.
        Map<MailboxName, StatusData> known = new ConcurrentHashMap<>();
        known.putAll(PollingFeed.poll(session, status -> heard(status, notices, known)));
        // Changes made before the session listened were not heard: every folder gets a look.
        notices.everything();
        while (!stop.requested()) {
            IdleExchange idle = IdleExchange.start(session, event -> heard(event, notices, known), ANSWER);
            ChangeFeed.rest(idle, stop, look);
            idle.done(ANSWER);
            if (stop.requested()) {
                return;
            }
            Map<MailboxName, StatusData> now = PollingFeed.poll(session, status -> heard(status, notices, known));
            Map<MailboxName, StatusData> before = new HashMap<>(known);
            PollingFeed.notice(before, now, notices);
            Set<MailboxName> missed = unheard(before, now);
            known.clear();
            known.putAll(now);
            if (!missed.isEmpty() && !toldLate(session, notices, known, missed, stop)) {
                LOG.warn(
                        "watching {}: NOTIFY did not tell of new or expunged mail in {}; listening on a new"
                                + " connection",
                        session.name(),
                        missed);
                return;
            }
        }
    }

    /**
     * Whether a notice names each of these folders within {@link #LATE}: a server may hold a notice
     * to bundle changes (Dovecot, half a second), so one under way during the look is no miss.
     */
    private static boolean toldLate(
            ImapSession session,
            Notices notices,
            Map<MailboxName, StatusData> known,
            Set<MailboxName> missed,
            StopSignal stop) {
        Set<MailboxName> told = ConcurrentHashMap.newKeySet();
        IdleExchange idle = IdleExchange.start(
                session,
                event -> {
                    heard(event, notices, known);
                    if (event instanceof StatusData status) {
                        told.add(status.mailbox());
                    }
                },
                ANSWER);
        ChangeFeed.rest(idle, stop, LATE);
        idle.done(ANSWER);
        return stop.requested() || told.containsAll(missed);
    }

    /**
     * Folders in both looks where mail arrived (UIDNEXT ahead) or went (the count moved, UIDNEXT the
     * same) beyond what the notices said: NOTIFY should have told. A notice that came during the
     * look itself may put what is known ahead of the look; that is no miss.
     */
    static Set<MailboxName> unheard(Map<MailboxName, StatusData> before, Map<MailboxName, StatusData> now) {
        Set<MailboxName> missed = new TreeSet<>();
        now.forEach((name, status) -> {
            StatusData was = before.get(name);
            if (was == null) {
                return;
            }
            long uidNextWas = was.get("UIDNEXT").orElse(0);
            long uidNextNow = status.get("UIDNEXT").orElse(0);
            if (uidNextNow > uidNextWas
                    || uidNextNow == uidNextWas && !was.get("MESSAGES").equals(status.get("MESSAGES"))) {
                missed.add(name);
            }
        });
        return missed;
    }

    /** A notice; a STATUS one also updates what is known of its folder, so the next look does not repeat it. */
    static void heard(ImapResponse event, Notices notices, Map<MailboxName, StatusData> known) {
        if (event instanceof StatusData status) {
            notices.folder(status.mailbox());
            known.computeIfPresent(status.mailbox(), (name, before) -> {
                Map<String, Long> attributes = new HashMap<>(before.attributes());
                attributes.putAll(status.attributes());
                return new StatusData(name, attributes);
            });
        } else if (event instanceof ListData list) {
            if (list.mailbox() != null) {
                notices.listed(list.mailbox());
            }
            if (list.oldName() != null) {
                notices.listed(list.oldName());
            }
        }
    }
}
