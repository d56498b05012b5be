package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.identity.HeaderFields;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.SectionData;
import org.imapferry.protocol.types.SequenceSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches what identifies each message of the selected folder, and nothing of its body:
 * {@code UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (...)])}.
 */
public final class MetadataPass {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataPass.class);
    private final List<String> identityHeaders;
    private final boolean sizeInKey;

    public MetadataPass(List<String> identityHeaders, boolean sizeInKey) {
        this.identityHeaders = List.copyOf(identityHeaders);
        this.sizeInKey = sizeInKey;
    }

    private String headerItem() {
        List<String> names = new ArrayList<>();
        for (String h : identityHeaders) {
            names.add(h.toUpperCase(Locale.ROOT));
        }
        if (!names.contains("MESSAGE-ID")) {
            names.add("MESSAGE-ID");
        }
        if (!names.contains("SUBJECT")) {
            names.add("SUBJECT");
        }
        return "BODY.PEEK[HEADER.FIELDS (" + String.join(" ", names) + ")]";
    }

    /**
     * The messages from a UID on. {@code n:*} always includes the message with the highest UID
     * even when that UID is below n (RFC 3501 §6.4.8), hence the filter.
     */
    public List<MessageMeta> fetchFrom(ImapSession session, long exists, long firstUid) {
        return request(session, exists, firstUid).messages();
    }

    /**
     * The FETCH sent, not waited for, so that the other side's read or more commands on this
     * session go out before its answer is in; nothing is sent for an empty folder.
     */
    public Pending request(ImapSession session, long exists, long firstUid) {
        return exists == 0 ? new Pending(session, firstUid, null) : request(session, firstUid);
    }

    /**
     * The FETCH sent whatever the folder holds, for a folder whose SELECT is still on its way: on
     * an empty folder its answer is not to be read, as servers differ on {@code 1:*} there.
     */
    public Pending request(ImapSession session, long firstUid) {
        UidFetch command = ImapCommands.uidFetch(
                SequenceSet.of(Math.max(1, firstUid), SequenceSet.STAR),
                "UID",
                "FLAGS",
                "INTERNALDATE",
                "RFC822.SIZE",
                headerItem());
        return new Pending(session, firstUid, session.submit(command));
    }

    /** A metadata FETCH on its way; {@link #messages()} waits for its answer and reads it. */
    public final class Pending {
        private final ImapSession session;
        private final long firstUid;
        /** null: nothing was sent, the folder is empty. */
        private final CompletableFuture<CommandResult> sent;

        private Pending(ImapSession session, long firstUid, CompletableFuture<CommandResult> sent) {
            this.session = session;
            this.firstUid = firstUid;
            this.sent = sent;
        }

        public List<MessageMeta> messages() {
            return sent == null ? List.of() : parse(session, session.await(sent, "UID FETCH"), firstUid);
        }
    }

    private List<MessageMeta> parse(ImapSession session, CommandResult result, long firstUid) {
        List<MessageMeta> messages = new ArrayList<>();
        for (FetchData data : result.all(FetchData.class)) {
            if (data.uid() == null || data.uid() < firstUid) {
                continue;
            }
            if (data.notFlags() != null) {
                // Nothing a target would take as a flag; the message still goes, with the rest.
                LOG.warn(
                        "{}: message UID {} has flags that are not IMAP flags, left out of the copy: {}",
                        session.name(),
                        data.uid(),
                        data.notFlags());
            }
            SectionData header =
                    data.sections().isEmpty() ? null : data.sections().get(0);
            Map<String, String> fields = HeaderFields.parse(header == null ? null : header.text());
            long size = data.rfc822Size() == null ? -1 : data.rfc822Size();
            MessageKey key = MessageKey.of(fields, identityHeaders, size, sizeInKey);
            messages.add(new MessageMeta(
                    data.sequenceNumber(),
                    data.uid(),
                    data.flags() == null ? List.of() : data.flags(),
                    data.internalDate(),
                    size,
                    key));
        }
        return messages;
    }
}
