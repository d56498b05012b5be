package org.imapferry.engine.testserver;

import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
import org.imapferry.engine.identity.HeaderFields;
import org.imapferry.protocol.command.Expunge;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.SequenceSet;

/**
 * A test's view into one mailbox account: messages by Message-ID with their flags, and the
 * changes a user would make (set or clear a flag, delete a message). Opens its own session.
 */
public final class MailboxProbe implements AutoCloseable {
    /** One message as the test sees it. */
    public record Message(long uid, String messageId, Set<String> flags) {
    }

    private final EventLoopGroup group;
    private final ImapSession session;

    public MailboxProbe(Endpoint endpoint) {
        Transport transport = Transport.best();
        group = transport.newGroup(1);
        session = new ImapConnector(group, transport).connect(endpoint);
    }

    /** The names of every folder of the account. */
    public List<String> folders() {
        List<String> names = new ArrayList<>();
        for (ListData l : session.run(new ListMailboxes(List.of(), "", "*", List.of())).all(ListData.class)) {
            names.add(l.mailbox().name());
        }
        return names;
    }

    /** Every message of a folder, by UID order. */
    public List<Message> messages(String folder) {
        session.run(new Select(MailboxName.of(folder), true, false, null));
        List<Message> out = new ArrayList<>();
        for (FetchData d : session.run(new UidFetch(SequenceSet.all(), List.of("UID", "FLAGS",
                "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"), null, false)).all(FetchData.class)) {
            Map<String, String> fields = HeaderFields.parse(d.sections().isEmpty() ? null : d.sections().get(0).text());
            Set<String> flags = new TreeSet<>();
            d.flags().stream().filter(f -> !f.equals(Flag.RECENT)).forEach(f -> flags.add(f.value().toLowerCase(Locale.ROOT)));
            out.add(new Message(d.uid(), fields.getOrDefault("message-id", ""), flags));
        }
        return out;
    }

    /** Message-ID to flags; fails the test on a duplicate Message-ID, which no test here seeds. */
    public Map<String, Set<String>> flagsById(String folder) {
        Map<String, Set<String>> byId = new LinkedHashMap<>();
        for (Message m : messages(folder)) {
            if (byId.put(m.messageId(), m.flags()) != null) {
                throw new AssertionError("duplicate message " + m.messageId() + " in " + folder);
            }
        }
        return byId;
    }

    public void addFlag(String folder, String messageId, String flag) {
        store(folder, messageId, UidStore.Mode.ADD, flag);
    }

    public void removeFlag(String folder, String messageId, String flag) {
        store(folder, messageId, UidStore.Mode.REMOVE, flag);
    }

    /** Deletes and expunges one message. */
    public void delete(String folder, String messageId) {
        store(folder, messageId, UidStore.Mode.ADD, "\\Deleted");
        session.run(new Expunge());
    }

    private void store(String folder, String messageId, UidStore.Mode mode, String flag) {
        long uid = messages(folder).stream().filter(m -> m.messageId().equals(messageId)).findFirst()
                .orElseThrow(() -> new AssertionError(messageId + " not in " + folder)).uid();
        session.run(new Select(MailboxName.of(folder), false, false, null));
        session.run(new UidStore(SequenceSet.of(uid), mode, true, List.of(new Flag(flag)), null));
    }

    @Override
    public void close() {
        session.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
