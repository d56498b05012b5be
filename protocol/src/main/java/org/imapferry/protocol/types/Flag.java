package org.imapferry.protocol.types;

import java.util.Locale;

/**
 * A message flag: a system flag ({@code \Seen}) or a keyword ({@code $Forwarded}).
 *
 * <pre>
 * flag         = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
 * flag-keyword = atom
 * flag-extension = "\" atom
 * flag-fetch   = flag / "\Recent"
 * flag-perm    = flag / "\*"
 * </pre>
 * (RFC 3501 §9). Keywords are case-insensitive (RFC 3501 §2.3.2), so equality ignores case.
 */
public record Flag(String value) {
    public static final Flag SEEN = new Flag("\\Seen");
    public static final Flag ANSWERED = new Flag("\\Answered");
    public static final Flag FLAGGED = new Flag("\\Flagged");
    public static final Flag DELETED = new Flag("\\Deleted");
    public static final Flag DRAFT = new Flag("\\Draft");
    public static final Flag RECENT = new Flag("\\Recent");
    /** Only in PERMANENTFLAGS: the server accepts new keywords. */
    public static final Flag ANY_KEYWORD = new Flag("\\*");

    public Flag {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a flag must not be empty");
        }
        if (!value.equals("\\*")) {
            int start = value.charAt(0) == '\\' ? 1 : 0;
            if (start == value.length()) {
                throw new IllegalArgumentException("a flag must not be a lone backslash");
            }
            for (int i = start; i < value.length(); i++) {
                if (!Atom.isAtomChar(value.charAt(i))) {
                    throw new IllegalArgumentException(
                            "character " + (int) value.charAt(i) + " is not allowed in flag " + value);
                }
            }
        }
    }

    public boolean isSystemFlag() {
        return value.charAt(0) == '\\';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Flag other && other.value.equalsIgnoreCase(value);
    }

    @Override
    public int hashCode() {
        return value.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
