package org.imapferry.engine.connection;

import java.util.function.Consumer;
import org.imapferry.protocol.command.Capability;
import org.imapferry.protocol.command.Enable;
import org.imapferry.protocol.command.Id;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Lsub;
import org.imapferry.protocol.command.Namespace;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.command.UidSearch;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.response.CapabilityData;
import org.imapferry.protocol.response.EnabledData;
import org.imapferry.protocol.response.EsearchData;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.FlagsData;
import org.imapferry.protocol.response.IdData;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.NamespaceData;
import org.imapferry.protocol.response.RecentData;
import org.imapferry.protocol.response.SearchData;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.response.VanishedData;

/**
 * Collects the untagged data that answers a command (RFC 3501 §7: LIST answers with LIST data,
 * SELECT with FLAGS, EXISTS and response codes, and so on). Data of other kinds is left to the
 * session as unsolicited. Streamed body sections are not collected here: a body FETCH is run with
 * a handler of its own. What is collected goes to a sink: a list, or, for answers too many to
 * hold, whatever the caller keeps of each.
 */
final class CollectingHandler implements ResponseHandler {
    private final ImapCommand command;
    private final Consumer<ImapResponse> sink;

    /** @param sink takes each answer that belongs to the command, on the event loop */
    CollectingHandler(ImapCommand command, Consumer<ImapResponse> sink) {
        this.command = command;
        this.sink = sink;
    }

    @Override
    public boolean offer(Object event) {
        if (event instanceof ImapResponse response && wants(response)) {
            sink.accept(response);
            return true;
        }
        return false;
    }

    private boolean wants(ImapResponse r) {
        if (command instanceof ListMailboxes || command instanceof Lsub) {
            return r instanceof ListData || r instanceof StatusData;
        }
        if (command instanceof Select) {
            return r instanceof FlagsData
                    || r instanceof ExistsData
                    || r instanceof RecentData
                    || r instanceof VanishedData
                    || r instanceof FetchData
                    || (r instanceof UntaggedStatus s && s.code() != null);
        }
        if (command instanceof Status status) {
            // Pipelined STATUS commands are told apart by mailbox, not by the order of answers;
            // without regard to case, since Exchange answers with the name re-cased.
            return r instanceof StatusData data
                    && data.mailbox().name().equalsIgnoreCase(status.mailbox().name());
        }
        if (command instanceof UidSearch) {
            return r instanceof SearchData || r instanceof EsearchData;
        }
        if (command instanceof UidFetch || command instanceof UidStore) {
            return r instanceof FetchData || r instanceof VanishedData;
        }
        if (command instanceof Capability) {
            return r instanceof CapabilityData;
        }
        if (command instanceof Namespace) {
            return r instanceof NamespaceData;
        }
        if (command instanceof Enable) {
            return r instanceof EnabledData;
        }
        if (command instanceof Id) {
            return r instanceof IdData;
        }
        return r instanceof CapabilityData;
    }
}
