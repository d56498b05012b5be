package org.imapferry.protocol.response;

import java.util.List;
import java.util.Map;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;

/**
 * The attributes of one FETCH response that were not streamed.
 *
 * <pre>
 * message-data = nz-number SP "FETCH" SP msg-att
 * msg-att      = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"
 * </pre>
 * (RFC 3501 §9). Any attribute may be absent (null). When the response carried a streamed body
 * section, its {@link org.imapferry.protocol.literal.BodySectionStart} and chunks came first and
 * this record follows them; items may come in any order, so the UID can arrive here only.
 *
 * @param sections body sections small enough to be decoded inline (HEADER.FIELDS and the like)
 * @param extra    attributes this codec does not model (X-GM-LABELS, BODYSTRUCTURE, ...), by name,
 *                 with their raw text
 */
public record FetchData(long sequenceNumber, Long uid, List<Flag> flags, ImapDateTime internalDate,
                        Long rfc822Size, Long modSeq, List<SectionData> sections, Map<String, String> extra)
        implements ImapResponse {
    public FetchData {
        flags = flags == null ? null : List.copyOf(flags);
        sections = List.copyOf(sections);
        extra = Map.copyOf(extra);
    }

    /** The inline section named exactly so ({@code HEADER.FIELDS (MESSAGE-ID)}), if present. */
    public SectionData section(String name) {
        for (SectionData s : sections) {
            if (s.section().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }
}
