package org.imapferry.protocol.command;

import java.util.List;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.imapferry.protocol.types.SequenceSet;

/** Factories for the commands a sync client sends most. */
public final class ImapCommands {
    private ImapCommands() {
    }

    public static Capability capability() {
        return new Capability();
    }

    public static Noop noop() {
        return new Noop();
    }

    public static Logout logout() {
        return new Logout();
    }

    public static Login login(String user, Secret password) {
        return new Login(user, password);
    }

    public static Select select(MailboxName mailbox) {
        return new Select(mailbox, false, false, null);
    }

    public static Select examine(MailboxName mailbox) {
        return new Select(mailbox, true, false, null);
    }

    public static ListMailboxes list(String reference, String pattern) {
        return new ListMailboxes(List.of(), reference, pattern, List.of());
    }

    public static Status status(MailboxName mailbox, String... items) {
        return new Status(mailbox, List.of(items));
    }

    public static UidFetch uidFetch(SequenceSet uids, String... items) {
        return new UidFetch(uids, List.of(items), null, false);
    }

    public static UidStore uidStore(SequenceSet uids, UidStore.Mode mode, List<Flag> flags) {
        return new UidStore(uids, mode, true, flags, null);
    }

    public static Append append(MailboxName mailbox, List<Flag> flags, ImapDateTime date, long length,
                                LiteralMode mode) {
        return new Append(mailbox, new AppendMessage(flags, date, length, false, mode));
    }
}
