package org.imapferry.protocol.types;

import java.util.Locale;

/**
 * A mailbox name as the user sees it (Unicode, the server's own hierarchy delimiter).
 * On the wire it travels in modified UTF-7 (RFC 3501 §5.1.3), or as UTF-8 when UTF8=ACCEPT is
 * enabled (RFC 6855 §3). "INBOX" is case-insensitive (RFC 3501 §5.1) and is normalized here.
 */
public record MailboxName(String name) implements Comparable<MailboxName> {
    public static final MailboxName INBOX = new MailboxName("INBOX");

    public MailboxName {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a mailbox name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("a mailbox name must not contain CR, LF or NUL");
            }
        }
        if (name.toUpperCase(Locale.ROOT).equals("INBOX")) {
            name = "INBOX";
        }
    }

    public static MailboxName of(String name) {
        return new MailboxName(name);
    }

    /** The name from its modified UTF-7 wire form. */
    public static MailboxName fromWire(String wire) {
        return new MailboxName(ModifiedUtf7.decode(wire));
    }

    /** The modified UTF-7 form sent to a server that has not enabled UTF8=ACCEPT. */
    public String toWire() {
        return ModifiedUtf7.encode(name);
    }

    public boolean isInbox() {
        return name.equals("INBOX");
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
