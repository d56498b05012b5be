package org.imapferry.protocol.response;

import org.imapferry.protocol.types.SequenceSet;

/**
 * <pre>
 * esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
 * search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set / "COUNT" SP number
 * </pre>
 * (RFC 4731 §3.1)
 *
 * @param tag   the correlator's tag, or null
 * @param all   ALL, or null when absent or empty
 * @param min   MIN or null; {@code max}, {@code count}, {@code modSeq} likewise
 */
public record EsearchData(String tag, boolean uid, Long min, Long max, SequenceSet all, Long count, Long modSeq)
        implements ImapResponse {}
