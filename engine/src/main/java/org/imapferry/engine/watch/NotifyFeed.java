package org.imapferry.engine.watch;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.Notify;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.StatusData;

/**
 * NOTIFY (RFC 5465) on a session that selects nothing, so every folder is a "non-selected
 * mailbox" to the server: a message added, expunged or flagged in one comes as an unsolicited
 * STATUS response naming it (§5.2, §5.3, §5.1 with CONDSTORE), a folder created, deleted or
 * renamed as a LIST response (§5.4; \NonExistent for a deleted one, OLDNAME for a renamed one).
 * One group, {@code personal}, covers every folder of the account, those created later included;
 * folders the options do not select are dropped when the pass is planned.
 *
 * @param reidle how long one IDLE lasts before DONE and a new IDLE
 */
record NotifyFeed(Duration reidle) implements ChangeFeed {
    static final Notify EVERY_FOLDER = new Notify(false, List.of(new Notify.EventGroup(Notify.Filter.PERSONAL,
            List.of(), EnumSet.of(Notify.Event.MESSAGE_NEW, Notify.Event.MESSAGE_EXPUNGE, Notify.Event.FLAG_CHANGE,
                    Notify.Event.MAILBOX_NAME))));

    @Override
    public String mechanism() {
        return "NOTIFY";
    }

    @Override
    public void follow(ImapSession session, Notices notices, StopSignal stop) {
        session.run(EVERY_FOLDER);
        while (!stop.requested()) {
            IdleExchange idle = IdleExchange.start(session, event -> heard(event, notices), ANSWER);
            // A notice sent between two IDLEs reaches no one: each new IDLE is followed by a look
            // at every folder, which the state file makes cheap (a STATUS each).
            notices.everything();
            ChangeFeed.rest(idle, stop, reidle);
            idle.done(ANSWER);
        }
    }

    static void heard(ImapResponse event, Notices notices) {
        if (event instanceof StatusData status) {
            notices.folder(status.mailbox());
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
