package org.imapferry.protocol.types;

import java.util.List;

/**
 * The bracketed code of a status response.
 *
 * <pre>
 * resp-text      = ["[" resp-text-code "]" SP] text
 * resp-text-code = "ALERT" / "BADCHARSET" [...] / capability-data / "PARSE" /
 *                  "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
 *                  "READ-ONLY" / "READ-WRITE" / "TRYCREATE" /
 *                  "UIDNEXT" SP nz-number / "UIDVALIDITY" SP nz-number /
 *                  "UNSEEN" SP nz-number / atom [SP 1*&lt;any TEXT-CHAR except "]"&gt;]
 * </pre>
 * (RFC 3501 §9; APPENDUID/COPYUID RFC 4315 §3; HIGHESTMODSEQ/NOMODSEQ RFC 7162 §3.1;
 * ALREADYEXISTS/OVERQUOTA/LIMIT RFC 5530 §3; THROTTLED is Gmail's and Yahoo's.)
 * Codes this client does not act on are kept as {@link Other} with their raw text.
 */
public sealed interface ResponseCode {
    record Alert() implements ResponseCode {}

    record Parse() implements ResponseCode {}

    record ReadOnly() implements ResponseCode {}

    record ReadWrite() implements ResponseCode {}

    record TryCreate() implements ResponseCode {}

    record AlreadyExists() implements ResponseCode {}

    record OverQuota() implements ResponseCode {}

    record Limit() implements ResponseCode {}

    record Throttled() implements ResponseCode {}

    record AuthenticationFailed() implements ResponseCode {}

    record Unavailable() implements ResponseCode {}

    record NoModSeq() implements ResponseCode {}

    record Closed() implements ResponseCode {}

    record CapabilityCode(Capabilities capabilities) implements ResponseCode {}

    record PermanentFlags(List<Flag> flags) implements ResponseCode {
        public PermanentFlags {
            flags = List.copyOf(flags);
        }

        /** {@code \*}: the server creates keywords on demand. */
        public boolean allowsNewKeywords() {
            return flags.contains(Flag.ANY_KEYWORD);
        }
    }

    record UidValidity(long value) implements ResponseCode {}

    record UidNext(long value) implements ResponseCode {}

    record Unseen(long value) implements ResponseCode {}

    record HighestModSeq(long value) implements ResponseCode {}

    /** {@code APPENDUID uidvalidity uid-set} (RFC 4315 §3); a set for MULTIAPPEND. */
    record AppendUid(long uidValidity, SequenceSet uids) implements ResponseCode {}

    /** {@code COPYUID uidvalidity source-set dest-set} (RFC 4315 §3). */
    record CopyUid(long uidValidity, SequenceSet sourceUids, SequenceSet destinationUids) implements ResponseCode {}

    /** Any other code: its atom, and the rest of the bracket as sent (empty when none). */
    record Other(String name, String argument) implements ResponseCode {}
}
