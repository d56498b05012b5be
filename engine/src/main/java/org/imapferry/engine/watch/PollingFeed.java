package org.imapferry.engine.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.ExpungeData;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;

/**
 * Without NOTIFY: IDLE on INBOX (RFC 2177), where most mail arrives, hears its changes at once
 * (EXISTS, EXPUNGE, FETCH FLAGS); every {@code interval} the IDLE pauses for a LIST and a STATUS of
 * every folder, and a folder whose STATUS differs from the last poll's, or that appeared or went,
 * is noticed. HIGHESTMODSEQ (RFC 7162) shows a flag change where CONDSTORE exists; elsewhere
 * UNSEEN shows a change of \Seen, and other flag changes outside INBOX wait for the next pass that
 * reads the folder.
 */
record PollingFeed(Duration interval, boolean idles) implements ChangeFeed {
    /** @param idles the server offers IDLE; without it the folders are only polled */
    static PollingFeed on(ImapSession session, Duration interval) {
        return new PollingFeed(interval, session.has(IDLE));
    }

    @Override
    public String mechanism() {
        return idles ? "IDLE+STATUS" : "STATUS";
    }

    @Override
    public void follow(ImapSession session, Notices notices, StopSignal stop) {
        Map<MailboxName, StatusData> known = poll(session, status -> {});
        if (idles) {
            session.run(ImapCommands.examine(MailboxName.INBOX));
        }
        notices.everything();
        while (!stop.requested()) {
            if (idles) {
                IdleExchange idle = IdleExchange.start(session, event -> heard(event, notices), ANSWER);
                ChangeFeed.rest(idle, stop, interval.compareTo(REIDLE) < 0 ? interval : REIDLE);
                idle.done(ANSWER);
            } else {
                rest(stop);
            }
            if (!stop.requested()) {
                Map<MailboxName, StatusData> now = poll(session, status -> {});
                notice(known, now, notices);
                known = now;
            }
        }
    }

    /** A server without IDLE is only polled; the keep-alive NOOP holds its connection meanwhile. */
    private void rest(StopSignal stop) {
        try {
            stop.await(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request();
        }
    }

    private static void heard(ImapResponse event, Notices notices) {
        if (event instanceof ExistsData || event instanceof ExpungeData || event instanceof FetchData) {
            notices.folder(MailboxName.INBOX);
        }
    }

    /** Tells {@code notices} of the folders whose STATUS differs between two polls, or that appeared or went. */
    static void notice(Map<MailboxName, StatusData> before, Map<MailboxName, StatusData> after, Notices notices) {
        for (MailboxName folder : changed(before, after)) {
            if (before.containsKey(folder) && after.containsKey(folder)) {
                notices.folder(folder);
            } else {
                notices.listed(folder);
            }
        }
    }

    /** Folders that appeared, went, or whose STATUS differs; a pure function of two polls. */
    static Set<MailboxName> changed(Map<MailboxName, StatusData> before, Map<MailboxName, StatusData> after) {
        Set<MailboxName> changed = new HashSet<>();
        after.forEach((name, status) -> {
            if (!status.equals(before.get(name))) {
                changed.add(name);
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name)).forEach(changed::add);
        return changed;
    }

    /**
     * LIST, then one pipelined STATUS per selectable folder; a folder the server refuses is left out.
     * Each answer is taken by its folder's name: under NOTIFY the server may send another folder's
     * STATUS at any time (RFC 5465 §5), and the command in flight receives it: such a STATUS goes to
     * {@code others}.
     */
    static Map<MailboxName, StatusData> poll(ImapSession session, Consumer<StatusData> others) {
        List<String> items = new ArrayList<>(List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"));
        if (session.has(Capability.CONDSTORE)) {
            items.add("HIGHESTMODSEQ");
        }
        List<MailboxName> folders = session.run(ImapCommands.list("", "*")).all(ListData.class).stream()
                .filter(ListData::isSelectable)
                .map(ListData::mailbox)
                .toList();
        List<CompletableFuture<CommandResult>> sent = new ArrayList<>();
        folders.forEach(folder -> sent.add(session.submit(ImapCommands.status(folder, items))));
        Map<MailboxName, StatusData> statuses = new HashMap<>();
        for (int i = 0; i < folders.size(); i++) {
            MailboxName folder = folders.get(i);
            try {
                for (StatusData status : session.await(sent.get(i), "STATUS").all(StatusData.class)) {
                    if (folder.equals(status.mailbox())) {
                        statuses.put(folder, status);
                    } else {
                        others.accept(status);
                    }
                }
            } catch (ImapCommandException e) {
                // Deleted between LIST and STATUS: the next poll sees it gone.
            }
        }
        return statuses;
    }
}
