package org.imapferry.protocol.response;

import java.util.List;
import org.imapferry.protocol.types.Flag;

/** <pre>mailbox-data = "FLAGS" SP flag-list</pre>  (RFC 3501 §9) */
public record FlagsData(List<Flag> flags) implements ImapResponse {
    public FlagsData {
        flags = List.copyOf(flags);
    }
}
