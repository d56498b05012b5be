package org.imapferry.protocol.types;

/**
 * A command tag.
 *
 * <pre>tag = 1*&lt;any ASTRING-CHAR except "+"&gt;</pre>  (RFC 3501 §9)
 */
public record Tag(String value) {
    public Tag {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a tag must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' || !Atom.isAstringChar(c)) {
                throw new IllegalArgumentException("character " + (int) c + " is not allowed in a tag");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
