package org.imapferry.protocol.response;

import java.util.List;

/**
 * <pre>mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]</pre>
 * (RFC 3501 §9, RFC 7162 §3.1.5)
 *
 * @param modSeq the highest mod-sequence of the matches, or null
 */
public record SearchData(List<Long> numbers, Long modSeq) implements ImapResponse {
    public SearchData {
        numbers = List.copyOf(numbers);
    }
}
