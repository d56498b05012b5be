package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.identity.HeaderFields;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.SectionData;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.Flag;
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
        return exists == 0 ? new Pending(session, null, null) : request(session, firstUid);
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
        Reader reader = new Reader(session, firstUid);
        return new Pending(session, reader, session.submit(command, reader::read));
    }

    /** A metadata FETCH on its way; {@link #messages()} waits for its answer and reads it. */
    public final class Pending {
        private final ImapSession session;
        private final Reader reader;
        /** null: nothing was sent, the folder is empty. */
        private final CompletableFuture<TaggedResponse> sent;

        private Pending(ImapSession session, Reader reader, CompletableFuture<TaggedResponse> sent) {
            this.session = session;
            this.reader = reader;
            this.sent = sent;
        }

        public List<MessageMeta> messages() {
            if (sent == null) {
                return List.of();
            }
            session.await(sent, "UID FETCH");
            return reader.messages;
        }
    }

    /**
     * Turns each FETCH answer into its {@link MessageMeta} as it arrives, on the event loop, so
     * that a folder's plan never holds the answers themselves (with their header blocks, about
     * 0.8 KB a message at 300,000 messages) beside the plan. Messages with the same flags share
     * one list of them.
     */
    private final class Reader {
        private final ImapSession session;
        private final long firstUid;
        private final List<MessageMeta> messages = new ArrayList<>();
        private final Map<List<Flag>, List<Flag>> flagLists = new HashMap<>();

        Reader(ImapSession session, long firstUid) {
            this.session = session;
            this.firstUid = firstUid;
        }

        void read(ImapResponse response) {
            if (!(response instanceof FetchData data) || data.uid() == null || data.uid() < firstUid) {
                return;
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
            List<Flag> flags = data.flags() == null ? List.of() : data.flags();
            messages.add(new MessageMeta(
                    data.sequenceNumber(),
                    data.uid(),
                    flagLists.computeIfAbsent(flags, f -> f),
                    data.internalDate(),
                    size,
                    key));
        }
    }
}
