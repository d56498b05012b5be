package org.imapferry.protocol.types;

/**
 * An IMAP atom.
 *
 * <pre>
 * atom            = 1*ATOM-CHAR
 * ATOM-CHAR       = &lt;any CHAR except atom-specials&gt;
 * atom-specials   = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
 * list-wildcards  = "%" / "*"
 * quoted-specials = DQUOTE / "\"
 * resp-specials   = "]"
 * ASTRING-CHAR    = ATOM-CHAR / resp-specials
 * </pre>
 * (RFC 3501 §9)
 */
public record Atom(String value) {
    public Atom {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an atom must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isAtomChar(value.charAt(i))) {
                throw new IllegalArgumentException("character " + (int) value.charAt(i) + " is not allowed in an atom");
            }
        }
    }

    public static boolean isAtomChar(int c) {
        if (c <= 0x1f || c >= 0x7f) {
            return false;
        }
        switch (c) {
            case '(':
            case ')':
            case '{':
            case ' ':
            case '%':
            case '*':
            case '"':
            case '\\':
            case ']':
                return false;
            default:
                return true;
        }
    }

    public static boolean isAstringChar(int c) {
        return c == ']' || isAtomChar(c);
    }

    @Override
    public String toString() {
        return value;
    }
}
