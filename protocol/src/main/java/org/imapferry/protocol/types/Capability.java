package org.imapferry.protocol.types;

import java.util.Locale;

/**
 * One capability name, upper-cased: capability names are case-insensitive (RFC 3501 §7.2.1,
 * and servers send "imap4rev1" in lower case).
 *
 * <pre>capability = ("AUTH=" auth-type) / atom</pre>
 */
public record Capability(String name) {
    public static final Capability IMAP4REV1 = new Capability("IMAP4rev1");
    public static final Capability IMAP4REV2 = new Capability("IMAP4rev2");
    public static final Capability LITERAL_PLUS = new Capability("LITERAL+");
    public static final Capability LITERAL_MINUS = new Capability("LITERAL-");
    public static final Capability MULTIAPPEND = new Capability("MULTIAPPEND");
    public static final Capability UIDPLUS = new Capability("UIDPLUS");
    public static final Capability BINARY = new Capability("BINARY");
    public static final Capability CONDSTORE = new Capability("CONDSTORE");
    public static final Capability QRESYNC = new Capability("QRESYNC");
    public static final Capability ENABLE = new Capability("ENABLE");
    public static final Capability ID = new Capability("ID");
    public static final Capability SASL_IR = new Capability("SASL-IR");
    public static final Capability STARTTLS = new Capability("STARTTLS");
    public static final Capability LOGINDISABLED = new Capability("LOGINDISABLED");
    public static final Capability COMPRESS_DEFLATE = new Capability("COMPRESS=DEFLATE");
    public static final Capability NAMESPACE = new Capability("NAMESPACE");
    public static final Capability SPECIAL_USE = new Capability("SPECIAL-USE");
    public static final Capability LIST_EXTENDED = new Capability("LIST-EXTENDED");
    public static final Capability LIST_STATUS = new Capability("LIST-STATUS");
    public static final Capability UNSELECT = new Capability("UNSELECT");
    public static final Capability ESEARCH = new Capability("ESEARCH");
    public static final Capability MOVE = new Capability("MOVE");
    public static final Capability IDLE = new Capability("IDLE");
    public static final Capability UTF8_ACCEPT = new Capability("UTF8=ACCEPT");
    public static final Capability XLIST = new Capability("XLIST");

    public Capability {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a capability must not be empty");
        }
        name = name.toUpperCase(Locale.ROOT);
    }

    public static Capability auth(String mechanism) {
        return new Capability("AUTH=" + mechanism);
    }

    /** The value after "=", as in {@code APPENDLIMIT=35651584}; empty when there is none. */
    public String parameter() {
        int eq = name.indexOf('=');
        return eq < 0 ? "" : name.substring(eq + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
