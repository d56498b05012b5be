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
 * @param flags    the flags, without any item of the list that is not a flag (see {@link #NOT_FLAGS})
 * @param extra    attributes this codec does not model (X-GM-LABELS, BODYSTRUCTURE, ...), by name,
 *                 with their raw text
 */
public record FetchData(
        long sequenceNumber,
        Long uid,
        List<Flag> flags,
        ImapDateTime internalDate,
        Long rfc822Size,
        Long modSeq,
        List<SectionData> sections,
        Map<String, String> extra)
        implements ImapResponse {
    /**
     * The key in {@link #extra()} of the items of FLAGS that no flag may spell ({@code \Seen(},
     * {@code %}, CTLs, 8-bit), space-separated, printable: kept out of {@link #flags()} so the rest
     * of the response, its UID above all, still counts.
     */
    public static final String NOT_FLAGS = "FLAGS";

    public FetchData {
        flags = flags == null ? null : List.copyOf(flags);
        sections = List.copyOf(sections);
        extra = Map.copyOf(extra);
    }

    /** The items of FLAGS that are not flags, as the server sent them (printable), or null. */
    public String notFlags() {
        return extra.get(NOT_FLAGS);
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
