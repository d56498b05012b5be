package org.imapferry.engine.probe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.Namespace;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.NamespaceData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;

/**
 * The folder the write phases fill: a name no user folder has ({@code imapferry-probe-<time>-<random>}),
 * made for this run and deleted after it. Nothing else is ever written to or deleted.
 */
final class ScratchFolder {
    static final String PREFIX = "imapferry-probe-";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ScratchFolder() {}

    static String name(Instant now, RandomGenerator random) {
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        return PREFIX + STAMP.format(now) + "-" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Creates it under the personal namespace (RFC 2342): on a server whose folders live under
     * "INBOX." a top-level name may not be allowed.
     */
    static MailboxName create(ImapSession session, String name) {
        String prefix = "";
        if (session.has(Capability.NAMESPACE)) {
            NamespaceData ns = session.run(new Namespace()).first(NamespaceData.class);
            if (ns != null && !ns.personal().isEmpty()) {
                prefix = ns.personal().get(0).prefix();
            }
        }
        MailboxName mailbox = MailboxName.of(prefix + name);
        session.run(ImapCommands.create(mailbox));
        return mailbox;
    }

    /** Deletes it and checks with LIST that it is gone. */
    static void delete(ImapSession session, MailboxName mailbox) {
        session.run(ImapCommands.delete(mailbox));
        List<ListData> left =
                session.run(ImapCommands.list("", mailbox.toWire())).all(ListData.class);
        if (left.stream().anyMatch(l -> l.mailbox().equals(mailbox))) {
            throw new IllegalStateException("the server still lists it after DELETE");
        }
    }
}
