package org.imapferry.engine.transfer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.state.MailboxStatus;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;

/**
 * What SELECT or EXAMINE said about a mailbox (RFC 3501 §6.3.1).
 *
 * @param permanentFlags null when the server did not say (then every flag is assumed storable)
 */
record SelectedFolder(long exists, long uidValidity, long uidNext, long highestModSeq, List<Flag> permanentFlags) {
    /** A target folder a dry run would create: empty, and every flag storable. */
    static final SelectedFolder ABSENT = new SelectedFolder(0, 0, 0, 0, null);

    /**
     * SELECT or EXAMINE, waited for. Neither creates a mailbox, so a NO [ALREADYEXISTS] can only
     * come from a server creating an automatic mailbox (Dovecot's {@code auto = subscribe}
     * special-use folders) for two sessions at once: the mailbox exists now, and a second try
     * opens it.
     */
    static SelectedFolder open(ImapSession session, MailboxName name, boolean readOnly) {
        return request(session, name, readOnly).await();
    }

    /**
     * SELECT or EXAMINE sent, not waited for: the caller may send more on this session (pipelined
     * behind it) or on another before reading the answer with {@link Opening#await()}.
     */
    static Opening request(ImapSession session, MailboxName name, boolean readOnly) {
        return new Opening(session, name, readOnly, session.submit(command(name, readOnly)));
    }

    /** A SELECT or EXAMINE on its way; {@link #await()} reads its answer, once. */
    static final class Opening {
        private final ImapSession session;
        private final MailboxName name;
        private final boolean readOnly;
        private final CompletableFuture<CommandResult> sent;
        private boolean sentAgain;

        private Opening(
                ImapSession session, MailboxName name, boolean readOnly, CompletableFuture<CommandResult> sent) {
            this.session = session;
            this.name = name;
            this.readOnly = readOnly;
            this.sent = sent;
        }

        /** The folder as the answer describes it; NO and BAD come as {@link ImapCommandException}. */
        SelectedFolder await() {
            Select command = command(name, readOnly);
            try {
                return of(session.await(sent, command.name()));
            } catch (ImapCommandException e) {
                if (!e.hasCode(ResponseCode.AlreadyExists.class)) {
                    throw e;
                }
                sentAgain = true;
                return of(session.run(command));
            }
        }

        /**
         * Whether the first try failed and the folder was opened by a second: commands pipelined
         * behind the first ran with no folder selected (RFC 3501 §6.3.1) and must be sent again.
         */
        boolean sentAgain() {
            return sentAgain;
        }
    }

    private static Select command(MailboxName name, boolean readOnly) {
        return readOnly ? ImapCommands.examine(name) : ImapCommands.select(name);
    }

    private static SelectedFolder of(CommandResult result) {
        long exists = 0;
        long uidValidity = 0;
        long uidNext = 0;
        long highestModSeq = 0;
        List<Flag> permanent = null;
        for (ExistsData e : result.all(ExistsData.class)) {
            exists = e.count();
        }
        for (UntaggedStatus s : result.all(UntaggedStatus.class)) {
            if (s.code() instanceof ResponseCode.UidValidity v) {
                uidValidity = v.value();
            } else if (s.code() instanceof ResponseCode.UidNext n) {
                uidNext = n.value();
            } else if (s.code() instanceof ResponseCode.HighestModSeq h) {
                highestModSeq = h.value();
            } else if (s.code() instanceof ResponseCode.PermanentFlags p) {
                permanent = p.flags();
            }
        }
        return new SelectedFolder(exists, uidValidity, uidNext, highestModSeq, permanent);
    }

    /** The numbers STATUS would give, for the state file. */
    MailboxStatus status() {
        return new MailboxStatus(uidValidity, uidNext, exists, highestModSeq);
    }

    /**
     * Whether the folder is as a STATUS recorded it: any message added or removed changes UIDNEXT
     * or MESSAGES. HIGHESTMODSEQ is compared only where both have one, since SELECT reports it only
     * once CONDSTORE is in use in the session (RFC 7162 §3.1.2.1) and STATUS whenever asked.
     */
    boolean matches(MailboxStatus recorded) {
        boolean modSeqKnown = highestModSeq > 0 && recorded.highestModSeq() > 0;
        return uidValidity == recorded.uidValidity()
                && uidNext == recorded.uidNext()
                && exists == recorded.messages()
                && (!modSeqKnown || highestModSeq == recorded.highestModSeq());
    }

    /** Whether the target keeps this flag: listed, or a keyword where {@code \*} allows new ones. */
    boolean keeps(Flag flag) {
        if (permanentFlags == null || permanentFlags.contains(flag)) {
            return true;
        }
        return !flag.isSystemFlag() && permanentFlags.contains(Flag.ANY_KEYWORD);
    }
}
