package org.imapferry.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.EncoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntPredicate;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.literal.LiteralModes;
import org.imapferry.protocol.types.Atom;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;

/**
 * Writes the pieces of one command line into a buffer. It is the one place that decides how a
 * string argument travels: as an atom, a quoted string or an inline literal.
 *
 * <pre>
 * astring      = 1*ASTRING-CHAR / string
 * string       = quoted / literal
 * quoted       = DQUOTE *QUOTED-CHAR DQUOTE
 * QUOTED-CHAR  = &lt;any TEXT-CHAR except quoted-specials&gt; / "\" quoted-specials
 *                / UTF8-2 / UTF8-3 / UTF8-4                  (the last three with UTF8=ACCEPT, RFC 6855 §3)
 * literal      = "{" number ["+"] "}" CRLF *CHAR8
 * mailbox      = "INBOX" / astring
 * list-mailbox = 1*list-char / string
 * list-char    = ATOM-CHAR / list-wildcards / resp-specials
 * </pre>
 * (RFC 3501 §9.) A string with CR, LF, or (without UTF8=ACCEPT) a non-ASCII character cannot be
 * quoted; it goes as a non-synchronizing literal if the server allows one for its length, and
 * otherwise the command is refused with an {@link EncoderException}: a synchronizing literal
 * needs the server's "+" in the middle of the line, which an encoder cannot wait for. NUL can
 * be sent in no string at all. Error messages name the argument, never its value.
 */
final class CommandWriter {
    private static final IntPredicate ASTRING_CHAR = Atom::isAstringChar;
    private static final IntPredicate LIST_CHAR = c -> Atom.isAstringChar(c) || c == '%' || c == '*';

    private final ByteBuf out;
    private final boolean utf8Accepted;
    private final Capabilities literalCapabilities;

    CommandWriter(ByteBuf out, boolean utf8Accepted, Capabilities literalCapabilities) {
        this.out = out;
        this.utf8Accepted = utf8Accepted;
        this.literalCapabilities = literalCapabilities;
    }

    /** Protocol text the encoder itself chose: keywords, delimiters. */
    CommandWriter ascii(String text) {
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        return this;
    }

    CommandWriter sp() {
        out.writeByte(' ');
        return this;
    }

    CommandWriter crlf() {
        out.writeByte('\r').writeByte('\n');
        return this;
    }

    /** <pre>number = 1*DIGIT</pre>  (RFC 3501 §9): a negative value has no form a server could read. */
    CommandWriter number(long n, String what) {
        if (n < 0) {
            throw new EncoderException(what + " must not be negative; it is " + n);
        }
        return ascii(Long.toString(n));
    }

    /**
     * Text the caller wrote in protocol syntax (FETCH items, SEARCH criteria, LIST options),
     * passed through as is; it must stay on one line.
     */
    CommandWriter verbatim(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new EncoderException(what + " must not contain CR, LF or NUL");
            }
            if (c >= 0x80 && !utf8Accepted) {
                throw new EncoderException(what + " has a non-ASCII character; only allowed after ENABLE UTF8=ACCEPT");
            }
        }
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        return this;
    }

    /** <pre>atom = 1*ATOM-CHAR</pre> */
    CommandWriter atom(String value, String what) {
        checkAtom(value, what);
        return ascii(value);
    }

    private static void checkAtom(String value, String what) {
        if (value.isEmpty()) {
            throw new EncoderException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Atom.isAtomChar(value.charAt(i))) {
                throw new EncoderException(
                        what + " must be an atom; character " + (int) value.charAt(i) + " is not allowed");
            }
        }
    }

    CommandWriter astring(String value, String what) {
        return string(value, ASTRING_CHAR, what, null);
    }

    /** An astring whose refusal message suggests what to do instead ("use AUTHENTICATE PLAIN"). */
    CommandWriter astring(String value, String what, String remedy) {
        return string(value, ASTRING_CHAR, what, remedy);
    }

    /** A string that is never sent bare: quoted, or a literal. */
    CommandWriter string(String value, String what) {
        return string(value, null, what, null);
    }

    CommandWriter listMailbox(String pattern, String what) {
        return string(pattern, LIST_CHAR, what, null);
    }

    /** Modified UTF-7 (RFC 3501 §5.1.3), or the name itself once UTF8=ACCEPT is enabled (RFC 6855 §3). */
    CommandWriter mailbox(MailboxName mailbox, String what) {
        return astring(utf8Accepted ? mailbox.name() : mailbox.toWire(), what);
    }

    /**
     * <pre>flag-list = "(" [flag *(SP flag)] ")"</pre>
     * {@code \*} is a {@link Flag} only so that PERMANENTFLAGS can say new keywords may be made
     * (flag-perm); it is no flag, and a server would refuse the whole command (RFC 3501 §9).
     */
    CommandWriter flagList(List<Flag> flags, String what) {
        for (Flag flag : flags) {
            if (flag.equals(Flag.ANY_KEYWORD)) {
                throw new EncoderException(what + " cannot set \\*, which only PERMANENTFLAGS may list");
            }
        }
        out.writeByte('(');
        for (int i = 0; i < flags.size(); i++) {
            if (i > 0) {
                sp();
            }
            ascii(flags.get(i).value());
        }
        out.writeByte(')');
        return this;
    }

    /**
     * <pre>
     * date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
     * date-year = 4DIGIT
     * </pre>
     * A year outside 1 to 9999 has no four-digit form ("+10000", or "0001" for 1 BC), and a server
     * would refuse the command or store another date.
     */
    CommandWriter dateTime(ImapDateTime date, String what) {
        int year = date.value().getYear();
        if (year < 1 || year > 9999) {
            throw new EncoderException(what + " has the year " + year + ", which a date-time cannot carry");
        }
        out.writeByte('"');
        ascii(date.format());
        out.writeByte('"');
        return this;
    }

    /** <pre>"(" atom *(SP atom) ")"</pre>: STATUS items, for one. */
    CommandWriter atomList(List<String> items, String what) {
        for (String item : items) {
            checkAtom(item, what);
        }
        return verbatimList(items, what);
    }

    /**
     * <pre>
     * create-param = "USE" SP "(" [use-attr *(SP use-attr)] ")"          (RFC 6154 §6)
     * use-attr     = "\All" / "\Archive" / "\Drafts" / ... / use-attr-ext
     * use-attr-ext = "\" atom
     * </pre>
     */
    CommandWriter useAttributes(List<String> attributes, String what) {
        for (String attribute : attributes) {
            if (!attribute.startsWith("\\")) {
                throw new EncoderException(what + " must start with a backslash");
            }
            checkAtom(attribute.substring(1), what);
        }
        return verbatimList(attributes, what);
    }

    /**
     * LIST selection and return options, each a name with an optional value; the value's strings
     * must be bare (no option defined so far needs more):
     * <pre>
     * option-extension = (option-standard-tag / option-vendor-tag) [SP option-value]   (RFC 5258 §6)
     * option-value     = "(" option-val-comp ")"
     * option-val-comp  = astring / option-val-comp *(SP option-val-comp) / "(" option-val-comp ")"
     * </pre>
     */
    CommandWriter listOptions(List<String> options, String what) {
        for (String option : options) {
            int end = run(option, 0, Atom::isAtomChar);
            if (end > 0 && end < option.length() && option.startsWith(" (", end)) {
                end = optionValue(option, end + 1);
            }
            if (end <= 0 || end != option.length()) {
                throw new EncoderException(
                        what + " must be an atom, optionally followed by SP and a " + "parenthesized list of atoms");
            }
        }
        return verbatimList(options, what);
    }

    /** The end of the option-value at {@code start}, or -1 if there is none. */
    private static int optionValue(String option, int start) {
        if (start >= option.length() || option.charAt(start) != '(') {
            return -1;
        }
        int i = start + 1;
        for (boolean first = true; ; first = false) {
            if (!first) {
                if (i >= option.length() || option.charAt(i) != ' ') {
                    break;
                }
                i++;
            }
            int end = i < option.length() && option.charAt(i) == '('
                    ? optionValue(option, i)
                    : run(option, i, Atom::isAstringChar);
            if (end <= i) {
                return -1;
            }
            i = end;
        }
        return i < option.length() && option.charAt(i) == ')' ? i + 1 : -1;
    }

    /** The end of the run of {@code allowed} characters from {@code start}. */
    private static int run(String text, int start, IntPredicate allowed) {
        int i = start;
        while (i < text.length() && allowed.test(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A parenthesized list of verbatim items: {@code (UID FLAGS)}. */
    CommandWriter verbatimList(List<String> items, String what) {
        out.writeByte('(');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sp();
            }
            verbatim(items.get(i), what);
        }
        out.writeByte(')');
        return this;
    }

    /**
     * The announcement a literal's bytes follow: {@code {n}}, {@code {n+}}, {@code ~{n}} or
     * {@code ~{n+}}, then CRLF.
     */
    CommandWriter literalAnnouncement(long length, boolean binary, LiteralMode mode) {
        if (binary) {
            out.writeByte('~');
        }
        out.writeByte('{');
        number(length, "literal length");
        if (mode == LiteralMode.NON_SYNCHRONIZING) {
            out.writeByte('+');
        }
        out.writeByte('}');
        return crlf();
    }

    private enum Form {
        BARE,
        QUOTED,
        LITERAL
    }

    /**
     * The single decision: bare (when {@code bare} accepts every character), quoted, or literal.
     */
    private CommandWriter string(String value, IntPredicate bare, String what, String remedy) {
        Form form = value.isEmpty() || bare == null ? Form.QUOTED : Form.BARE;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new EncoderException(what + " contains NUL, which no IMAP string can carry");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                form = notBare(form, utf8Accepted ? Form.QUOTED : Form.LITERAL);
            } else if (Character.isSurrogate(c)) {
                throw new EncoderException(what + " contains an unpaired surrogate; it is not valid Unicode");
            } else if (c == '\r' || c == '\n' || (c >= 0x80 && !utf8Accepted)) {
                form = Form.LITERAL;
            } else if (c >= 0x80) {
                form = notBare(form, Form.QUOTED);
            } else if (form == Form.BARE && !bare.test(c)) {
                form = Form.QUOTED;
            }
        }
        switch (form) {
            case BARE:
                return ascii(value);
            case QUOTED:
                return quoted(value);
            default:
                return literal(value, what, remedy);
        }
    }

    private static Form notBare(Form current, Form wanted) {
        return current == Form.LITERAL ? Form.LITERAL : wanted;
    }

    private CommandWriter quoted(String value) {
        out.writeByte('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.writeByte('\\');
            }
            if (c < 0x80) {
                out.writeByte(c);
            } else {
                int end = i + 1;
                while (end < value.length() && value.charAt(end) >= 0x80) {
                    end++;
                }
                out.writeCharSequence(value.subSequence(i, end), StandardCharsets.UTF_8);
                i = end - 1;
            }
        }
        out.writeByte('"');
        return this;
    }

    private CommandWriter literal(String value, String what, String remedy) {
        int length = ByteBufUtil.utf8Bytes(value);
        if (LiteralModes.choose(literalCapabilities, length) == LiteralMode.SYNCHRONIZING) {
            throw new EncoderException(what + " cannot be quoted (CR, LF or 8-bit characters) and needs a "
                    + "synchronizing literal of " + length + " bytes, which the server must acknowledge with \"+\" "
                    + "(no LITERAL+, or LITERAL- and over " + LiteralModes.LITERAL_MINUS_MAX + " bytes)"
                    + (remedy == null ? "" : "; " + remedy));
        }
        literalAnnouncement(length, false, LiteralMode.NON_SYNCHRONIZING);
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        return this;
    }
}
