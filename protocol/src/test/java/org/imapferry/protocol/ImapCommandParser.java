package org.imapferry.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.Authenticate;
import org.imapferry.protocol.command.Capability;
import org.imapferry.protocol.command.Close;
import org.imapferry.protocol.command.Compress;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.Delete;
import org.imapferry.protocol.command.Enable;
import org.imapferry.protocol.command.Expunge;
import org.imapferry.protocol.command.Id;
import org.imapferry.protocol.command.Idle;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Login;
import org.imapferry.protocol.command.Logout;
import org.imapferry.protocol.command.Lsub;
import org.imapferry.protocol.command.Namespace;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.Rename;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.StartTls;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.command.Subscribe;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidCopy;
import org.imapferry.protocol.command.UidExpunge;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.command.Unselect;
import org.imapferry.protocol.command.Unsubscribe;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.imapferry.protocol.types.SequenceSet;
import org.imapferry.protocol.types.Tag;

/**
 * A strict, test-only parser for what {@link ImapCommandEncoder} writes: one command, with its
 * inline literals, and for APPEND the message bytes, further MULTIAPPEND messages and the final
 * CRLF. It reads the grammar the RFCs define (atoms, quoted strings with escapes, {@code {n}}
 * and {@code {n+}} literals, modified UTF-7 or UTF-8 mailbox names), so a round trip through it
 * checks the encoder's quoting decisions. Anything it does not expect is an
 * {@link IllegalArgumentException} naming the offset.
 *
 * <p>Strict as a server is: each unquoted token takes only the characters its rule allows, so an
 * atom-special where the encoder should have quoted ends the token early and the parse fails.
 * <pre>
 * ATOM-CHAR     = &lt;any CHAR except atom-specials&gt;
 * atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
 * ASTRING-CHAR  = ATOM-CHAR / resp-specials          (astring, mailbox)
 * list-char     = ATOM-CHAR / list-wildcards / resp-specials      (list-mailbox)
 * tag           = 1*&lt;any ASTRING-CHAR except "+"&gt;
 * flag          = "\" atom / atom                 (flag-extension, flag-keyword: never "\*")
 * </pre>
 * (RFC 3501 §9, RFC 9051 §9.) The character classes are written out here again rather than taken
 * from {@code Atom}, so that the check does not trust the code it checks.
 *
 * <pre>
 * List&lt;Object&gt; parts = new ImapCommandParser(bytes, utf8).parse();
 * // [TaggedCommand, byte[] body, AppendMessage, byte[] body, AppendEnd] for a MULTIAPPEND
 * </pre>
 */
public final class ImapCommandParser {
    private static final IntPredicate ATOM_CHAR = c -> c > 0x1f && c < 0x7f && "(){ %*\"\\]".indexOf(c) < 0;
    private static final IntPredicate ASTRING_CHAR = ATOM_CHAR.or(c -> c == ']');
    private static final IntPredicate LIST_CHAR = ASTRING_CHAR.or(c -> c == '%' || c == '*');
    private static final IntPredicate TAG_CHAR = ASTRING_CHAR.and(c -> c != '+');
    private static final IntPredicate SEQUENCE_SET_CHAR = c -> c >= '0' && c <= '9' || c == ':' || c == ',' || c == '*';
    private static final IntPredicate BASE64_CHAR = c ->
            c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';

    private static final Pattern DATE_TIME = Pattern.compile(
            "( [1-9]|[0-9]{2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep"
                    + "|Oct|Nov|Dec)-[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}",
            Pattern.CASE_INSENSITIVE);

    private final byte[] in;
    private final boolean utf8;
    private int pos;

    /** @param utf8 whether mailbox names and quoted strings are UTF-8 (after ENABLE UTF8=ACCEPT) */
    public ImapCommandParser(byte[] in, boolean utf8) {
        this.in = in;
        this.utf8 = utf8;
    }

    public List<Object> parse() {
        List<Object> parts = new ArrayList<>();
        Tag tag = new Tag(token(TAG_CHAR, "tag"));
        expect(' ');
        String name = atom();
        if (name.equals("UID")) {
            expect(' ');
            name = "UID " + atom();
        }
        if (name.equals("APPEND")) {
            expect(' ');
            MailboxName mailbox = mailbox();
            AppendMessage first = appendMessage();
            parts.add(new TaggedCommand(tag, new Append(mailbox, first)));
            parts.add(bytes(first.length()));
            while (peek() == ' ') {
                AppendMessage next = appendMessage();
                parts.add(next);
                parts.add(bytes(next.length()));
            }
            crlf();
            parts.add(new AppendEnd());
        } else {
            parts.add(new TaggedCommand(tag, command(name)));
            crlf();
        }
        if (pos != in.length) {
            throw error("trailing bytes");
        }
        return parts;
    }

    private ImapCommand command(String name) {
        switch (name) {
            case "CAPABILITY":
                return new Capability();
            case "NOOP":
                return new Noop();
            case "LOGOUT":
                return new Logout();
            case "STARTTLS":
                return new StartTls();
            case "NAMESPACE":
                return new Namespace();
            case "EXPUNGE":
                return new Expunge();
            case "CLOSE":
                return new Close();
            case "UNSELECT":
                return new Unselect();
            case "IDLE":
                return new Idle();
            case "LOGIN": {
                expect(' ');
                String user = astring();
                expect(' ');
                return new Login(user, Secret.of(astring()));
            }
            case "AUTHENTICATE": {
                expect(' ');
                String mechanism = atom();
                if (peek() != ' ') {
                    return new Authenticate(mechanism, null);
                }
                expect(' ');
                String ir = token(BASE64_CHAR, "initial response");
                return new Authenticate(mechanism, Secret.of(ir.equals("=") ? "" : ir));
            }
            case "ENABLE": {
                List<String> caps = new ArrayList<>();
                while (peek() == ' ') {
                    expect(' ');
                    caps.add(atom());
                }
                return new Enable(caps);
            }
            case "COMPRESS":
                expect(' ');
                return new Compress(atom());
            case "ID":
                expect(' ');
                return new Id(idParameters());
            case "LIST": {
                expect(' ');
                List<String> select = List.of();
                if (peek() == '(') {
                    select = listOptions();
                    expect(' ');
                }
                String reference = astring();
                expect(' ');
                String pattern = listMailbox();
                List<String> ret = List.of();
                if (peek() == ' ') {
                    expectText(" RETURN ");
                    ret = listOptions();
                }
                return new ListMailboxes(select, reference, pattern, ret);
            }
            case "LSUB": {
                expect(' ');
                String reference = astring();
                expect(' ');
                return new Lsub(reference, listMailbox());
            }
            case "SUBSCRIBE":
                expect(' ');
                return new Subscribe(mailbox());
            case "UNSUBSCRIBE":
                expect(' ');
                return new Unsubscribe(mailbox());
            case "DELETE":
                expect(' ');
                return new Delete(mailbox());
            case "RENAME": {
                expect(' ');
                MailboxName from = mailbox();
                expect(' ');
                return new Rename(from, mailbox());
            }
            case "CREATE": {
                expect(' ');
                MailboxName mailbox = mailbox();
                List<String> use = List.of();
                if (peek() == ' ') {
                    expectText(" (USE (");
                    use = list(this::useAttribute);
                    expect(')');
                }
                return new Create(mailbox, use);
            }
            case "SELECT":
            case "EXAMINE":
                return select(name.equals("EXAMINE"));
            case "STATUS": {
                expect(' ');
                MailboxName mailbox = mailbox();
                expect(' ');
                expect('(');
                return new Status(mailbox, list(this::atom));
            }
            case "UID EXPUNGE":
                expect(' ');
                return new UidExpunge(sequenceSet());
            case "UID COPY":
            case "UID MOVE": {
                expect(' ');
                SequenceSet uids = sequenceSet();
                expect(' ');
                return new UidCopy(uids, mailbox(), name.equals("UID MOVE"));
            }
            case "UID STORE":
                return uidStore();
            default:
                throw error("unknown command " + name);
        }
    }

    private Select select(boolean readOnly) {
        expect(' ');
        MailboxName mailbox = mailbox();
        boolean condStore = false;
        Select.Qresync qresync = null;
        if (peek() == ' ') {
            expectText(" (");
            for (; ; ) {
                String param = atom();
                if (param.equals("CONDSTORE")) {
                    condStore = true;
                } else if (param.equals("QRESYNC")) {
                    expectText(" (");
                    long uidValidity = number();
                    expect(' ');
                    long modSeq = number();
                    SequenceSet known = null;
                    if (peek() == ' ') {
                        expect(' ');
                        known = sequenceSet();
                    }
                    expect(')');
                    qresync = new Select.Qresync(uidValidity, modSeq, known);
                } else {
                    throw error("unknown select parameter " + param);
                }
                if (peek() == ')') {
                    expect(')');
                    break;
                }
                expect(' ');
            }
        }
        return new Select(mailbox, readOnly, condStore, qresync);
    }

    private UidStore uidStore() {
        expect(' ');
        SequenceSet uids = sequenceSet();
        expect(' ');
        Long unchangedSince = null;
        if (peek() == '(') {
            expectText("(UNCHANGEDSINCE ");
            unchangedSince = number();
            expectText(") ");
        }
        String item = atom();
        UidStore.Mode mode = UidStore.Mode.REPLACE;
        if (item.startsWith("+")) {
            mode = UidStore.Mode.ADD;
        } else if (item.startsWith("-")) {
            mode = UidStore.Mode.REMOVE;
        }
        String rest = item.substring(mode.prefix().length());
        if (!rest.equals("FLAGS") && !rest.equals("FLAGS.SILENT")) {
            throw error("bad store item " + item);
        }
        expect(' ');
        return new UidStore(uids, mode, rest.endsWith(".SILENT"), flagList(), unchangedSince);
    }

    /** <pre>append-opts SP ("{" / "~{") number ["+"] "}" CRLF</pre>, after the SP before it. */
    private AppendMessage appendMessage() {
        expect(' ');
        List<Flag> flags = List.of();
        ImapDateTime date = null;
        if (peek() == '(') {
            flags = flagList();
            expect(' ');
        }
        if (peek() == '"') {
            date = dateTime();
            expect(' ');
        }
        boolean binary = peek() == '~';
        if (binary) {
            expect('~');
        }
        expect('{');
        long length = number();
        LiteralMode mode = LiteralMode.SYNCHRONIZING;
        if (peek() == '+') {
            expect('+');
            mode = LiteralMode.NON_SYNCHRONIZING;
        }
        expect('}');
        crlf();
        return new AppendMessage(flags, date, length, binary, mode);
    }

    /**
     * <pre>
     * date-time      = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
     * date-day-fixed = (SP DIGIT) / 2DIGIT
     * date-year      = 4DIGIT
     * time           = 2DIGIT ":" 2DIGIT ":" 2DIGIT
     * zone           = ("+" / "-") 4DIGIT
     * </pre>
     */
    private ImapDateTime dateTime() {
        int start = pos;
        String text = quoted();
        if (!DATE_TIME.matcher(text).matches()) {
            pos = start;
            throw error("not a date-time");
        }
        return ImapDateTime.parse(text);
    }

    private Map<String, String> idParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (peek() == 'N') {
            expectText("NIL");
            return params;
        }
        expect('(');
        while (true) {
            String key = string();
            expect(' ');
            String value;
            if (peek() == 'N') {
                expectText("NIL");
                value = null;
            } else {
                value = string();
            }
            params.put(key, value);
            if (peek() == ')') {
                expect(')');
                return params;
            }
            expect(' ');
        }
    }

    /** <pre>flag-list = "(" [flag *(SP flag)] ")"</pre> */
    private List<Flag> flagList() {
        expect('(');
        List<Flag> flags = new ArrayList<>();
        for (String s : list(this::flag)) {
            flags.add(new Flag(s));
        }
        return flags;
    }

    /** <pre>flag = "\" atom / atom</pre>  (flag-extension, flag-keyword; the system flags are extensions here) */
    private String flag() {
        if (peek() == '\\') {
            expect('\\');
            return "\\" + atom();
        }
        return atom();
    }

    /** <pre>use-attr = "\All" / "\Archive" / ... / use-attr-ext;  use-attr-ext = "\" atom</pre>  (RFC 6154 §6) */
    private String useAttribute() {
        expect('\\');
        return "\\" + atom();
    }

    /** {@code [item *(SP item)] ")"}, after the opening parenthesis. */
    private List<String> list(Supplier<String> item) {
        List<String> items = new ArrayList<>();
        while (peek() != ')') {
            if (!items.isEmpty()) {
                expect(' ');
            }
            items.add(item.get());
        }
        expect(')');
        return items;
    }

    /**
     * <pre>
     * list-select-opts = "(" [list-select-opt *(SP list-select-opt)] ")"       (RFC 5258 §6)
     * list-return-opts = "RETURN" SP "(" [return-option *(SP return-option)] ")"
     * option-extension = (option-standard-tag / option-vendor-tag) [SP option-value]
     * option-value     = "(" option-val-comp ")"
     * option-val-comp  = astring / option-val-comp *(SP option-val-comp) / "(" option-val-comp ")"
     * </pre>
     * Each option comes back as written, its value included: {@code STATUS (MESSAGES UIDNEXT)}.
     */
    private List<String> listOptions() {
        expect('(');
        return list(() -> {
            int start = pos;
            atom();
            if (peek() == ' ' && pos + 1 < in.length && in[pos + 1] == '(') {
                expect(' ');
                optionValue();
            }
            return new String(in, start, pos - start, StandardCharsets.US_ASCII);
        });
    }

    private void optionValue() {
        expect('(');
        if (peek() == ')') {
            throw error("empty option value");
        }
        list(() -> {
            if (peek() == '(') {
                optionValue();
            } else {
                token(ASTRING_CHAR, "option value");
            }
            return "";
        });
    }

    private MailboxName mailbox() {
        String wire = astring();
        return utf8 ? MailboxName.of(wire) : MailboxName.fromWire(wire);
    }

    /** <pre>astring = 1*ASTRING-CHAR / string</pre> */
    private String astring() {
        int c = peek();
        return c == '"' || c == '{' ? string() : token(ASTRING_CHAR, "astring");
    }

    /** <pre>list-mailbox = 1*list-char / string</pre> */
    private String listMailbox() {
        int c = peek();
        return c == '"' || c == '{' ? string() : token(LIST_CHAR, "list-mailbox");
    }

    /** <pre>string = quoted / literal</pre> */
    private String string() {
        if (peek() == '"') {
            return quoted();
        }
        expect('{');
        int length = Math.toIntExact(number());
        if (peek() == '+') {
            expect('+');
        }
        expect('}');
        crlf();
        return new String(bytes(length), StandardCharsets.UTF_8);
    }

    private String quoted() {
        expect('"');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (; ; ) {
            int c = next();
            if (c == '"') {
                return new String(out.toByteArray(), StandardCharsets.UTF_8);
            }
            if (c == '\\') {
                c = next();
                if (c != '"' && c != '\\') {
                    throw error("bad escape");
                }
            } else if (c == '\r' || c == '\n' || c == 0 || (c >= 0x80 && !utf8)) {
                throw error("character " + c + " in a quoted string");
            }
            out.write(c);
        }
    }

    /** <pre>atom = 1*ATOM-CHAR</pre> */
    private String atom() {
        return token(ATOM_CHAR, "atom");
    }

    private SequenceSet sequenceSet() {
        return SequenceSet.parse(token(SEQUENCE_SET_CHAR, "sequence-set"));
    }

    /** <pre>number = 1*DIGIT</pre>  (up to 2^63 - 1 here; the callers' own limits are smaller) */
    private long number() {
        String digits = token(c -> c >= '0' && c <= '9', "number");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("number too large");
        }
    }

    /**
     * The longest run of characters that {@code allowed} takes, at least one. A character it
     * refuses ends the token, and the caller's next expectation fails on it.
     */
    private String token(IntPredicate allowed, String what) {
        int start = pos;
        while (pos < in.length && allowed.test(in[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw error(what + " expected");
        }
        return new String(in, start, pos - start, StandardCharsets.US_ASCII);
    }

    private byte[] bytes(long length) {
        if (pos + length > in.length) {
            throw error("literal runs past the end");
        }
        byte[] b = Arrays.copyOfRange(in, pos, pos + (int) length);
        pos += (int) length;
        return b;
    }

    private void crlf() {
        expect('\r');
        expect('\n');
    }

    private void expectText(String text) {
        for (int i = 0; i < text.length(); i++) {
            expect(text.charAt(i));
        }
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("'" + c + "' expected");
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private int next() {
        if (pos >= in.length) {
            pos++;
            throw error("unexpected end");
        }
        return in[pos++] & 0xff;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(
                what + " at offset " + pos + " of " + new String(in, StandardCharsets.UTF_8).replace("\r\n", "\\r\\n"));
    }
}
