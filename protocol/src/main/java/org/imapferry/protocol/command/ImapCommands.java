package org.imapferry.protocol.command;

import java.util.List;
import java.util.Map;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.imapferry.protocol.types.SequenceSet;

/** Factories for the commands a sync client sends most. */
public final class ImapCommands {
    private ImapCommands() {}

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

    /**
     * AUTHENTICATE; {@code initialResponse} rides in the command only when the server announced
     * SASL-IR (RFC 4959 §3), else it is null and the mechanism answers the first challenge.
     */
    public static Authenticate authenticate(String mechanism, Secret initialResponse) {
        return new Authenticate(mechanism, initialResponse);
    }

    public static StartTls startTls() {
        return new StartTls();
    }

    /** COMPRESS=DEFLATE, the only algorithm RFC 4978 defines. */
    public static Compress compressDeflate() {
        return new Compress("DEFLATE");
    }

    public static Enable enable(String... capabilities) {
        return new Enable(List.of(capabilities));
    }

    /** ID with these fields in this order (RFC 2971); an empty map sends ID NIL. */
    public static Id id(Map<String, String> parameters) {
        return new Id(parameters);
    }

    public static Namespace namespace() {
        return new Namespace();
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

    /** LIST with RETURN options such as SUBSCRIBED and SPECIAL-USE (RFC 5258 §3, RFC 6154 §2). */
    public static ListMailboxes list(String reference, String pattern, List<String> returnOptions) {
        return new ListMailboxes(List.of(), reference, pattern, returnOptions);
    }

    public static Lsub lsub(String reference, String pattern) {
        return new Lsub(reference, pattern);
    }

    public static Status status(MailboxName mailbox, String... items) {
        return new Status(mailbox, List.of(items));
    }

    /** STATUS with items chosen at run time, e.g. HIGHESTMODSEQ only where CONDSTORE is offered. */
    public static Status status(MailboxName mailbox, List<String> items) {
        return new Status(mailbox, items);
    }

    public static UidFetch uidFetch(SequenceSet uids, String... items) {
        return new UidFetch(uids, List.of(items), null, false);
    }

    /** UID FETCH of what changed since a mod-sequence (RFC 7162 §3.1.4.1, CHANGEDSINCE). */
    public static UidFetch uidFetchChangedSince(SequenceSet uids, long modSeq, String... items) {
        return new UidFetch(uids, List.of(items), modSeq, false);
    }

    /** UID SEARCH with the criteria as the server reads them (RFC 3501 §6.4.4), e.g. "DELETED". */
    public static UidSearch uidSearch(String criteria) {
        return new UidSearch(List.of(), criteria);
    }

    public static UidStore uidStore(SequenceSet uids, UidStore.Mode mode, List<Flag> flags) {
        return new UidStore(uids, mode, true, flags, null);
    }

    public static Create create(MailboxName mailbox) {
        return new Create(mailbox, List.of());
    }

    public static Delete delete(MailboxName mailbox) {
        return new Delete(mailbox);
    }

    /** EXPUNGE removes every message marked \Deleted in the folder, not only ours (RFC 3501 §6.4.3). */
    public static Expunge expunge() {
        return new Expunge();
    }

    /** UID EXPUNGE removes only the listed messages marked \Deleted (RFC 4315 §2.1). */
    public static UidExpunge uidExpunge(SequenceSet uids) {
        return new UidExpunge(uids);
    }

    public static Append append(
            MailboxName mailbox, List<Flag> flags, ImapDateTime date, long length, LiteralMode mode) {
        return new Append(mailbox, new AppendMessage(flags, date, length, false, mode));
    }
}
