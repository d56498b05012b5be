package org.imapferry.protocol.response;

import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.Tag;

/**
 * The completion of a command.
 *
 * <pre>response-tagged = tag SP resp-cond-state CRLF</pre>  (RFC 3501 §9)
 *
 * @param code the bracketed code, or null
 */
public record TaggedResponse(Tag tag, Status status, ResponseCode code, String text) implements ImapResponse {
    public TaggedResponse {
        if (status != Status.OK && status != Status.NO && status != Status.BAD) {
            throw new IllegalArgumentException("a tagged response is OK, NO or BAD, not " + status);
        }
    }
}
