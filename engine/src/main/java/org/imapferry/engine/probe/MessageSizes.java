package org.imapferry.engine.probe;

import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.protocol.response.FetchData;

/**
 * The UIDs and sizes of the messages a read phase will fetch, from
 * {@code UID FETCH 1:* (UID RFC822.SIZE)}: only those that fit the budget are kept, so a folder
 * of a million messages costs no more memory than one of two thousand.
 */
final class MessageSizes implements ResponseHandler {
    /** One message to read. */
    record Entry(long uid, long size) {}

    private final PhaseBudget budget;
    private final List<Entry> chosen = new ArrayList<>();
    private long bytes;

    MessageSizes(PhaseBudget budget) {
        this.budget = budget;
    }

    List<Entry> chosen() {
        return chosen;
    }

    @Override
    public boolean offer(Object event) {
        if (!(event instanceof FetchData data)) {
            return false;
        }
        if (data.uid() != null
                && data.rfc822Size() != null
                && chosen.size() < budget.messages()
                && bytes + data.rfc822Size() <= budget.bytes()) {
            chosen.add(new Entry(data.uid(), data.rfc822Size()));
            bytes += data.rfc822Size();
        }
        return true;
    }
}
