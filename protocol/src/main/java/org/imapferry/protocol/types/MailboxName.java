package org.imapferry.protocol.types;

import java.util.Locale;

/**
 * A mailbox name as the user sees it (Unicode, the server's own hierarchy delimiter).
 * On the wire it travels in modified UTF-7 (RFC 3501 §5.1.3), or as UTF-8 when UTF8=ACCEPT is
 * enabled (RFC 6855 §3). "INBOX" is case-insensitive (RFC 3501 §5.1) and is normalized here.
 *
 * <p>A server may list a name that is not modified UTF-7 ("Foo&amp;Bar", raw 8-bit): the user
 * sees it as sent, and the server knows the folder only by those bytes, so a name read from a
 * server keeps them ({@code wire}) for every later command to that server. Two names are the
 * same folder when the user sees them the same: {@code wire} plays no part in equality.
 *
 * @param wire the server's own spelling, where it is not the modified UTF-7 of {@code name}; or null
 */
public record MailboxName(String name, String wire) implements Comparable<MailboxName> {
    public static final MailboxName INBOX = new MailboxName("INBOX");

    public MailboxName {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a mailbox name must not be empty");
        }
        checkCharacters(name);
        if (wire != null) {
            checkCharacters(wire);
        }
        if (name.toUpperCase(Locale.ROOT).equals("INBOX")) {
            name = "INBOX";
            wire = null;
        }
    }

    public MailboxName(String name) {
        this(name, null);
    }

    private static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("a mailbox name must not contain CR, LF or NUL");
            }
        }
    }

    public static MailboxName of(String name) {
        return new MailboxName(name);
    }

    /** The name from its wire form; a wire form that is not what encoding the name gives is kept. */
    public static MailboxName fromWire(String wire) {
        String name = ModifiedUtf7.decode(wire);
        return new MailboxName(name, ModifiedUtf7.encode(name).equals(wire) ? null : wire);
    }

    /** The form sent to a server that has not enabled UTF8=ACCEPT: its own spelling, if it had one. */
    public String toWire() {
        return wire != null ? wire : ModifiedUtf7.encode(name);
    }

    public boolean isInbox() {
        return name.equals("INBOX");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailboxName other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public int compareTo(MailboxName o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
