package org.imapferry.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <pre>
 * List&lt;Object&gt; parts = new ImapCommandParser(bytes, utf8).parse();
 * // [TaggedCommand, byte[] body, AppendMessage, byte[] body, AppendEnd] for a MULTIAPPEND
 * </pre>
 */
final class ImapCommandParser {
    private final byte[] in;
    private final boolean utf8;
    private int pos;

    ImapCommandParser(byte[] in, boolean utf8) {
        this.in = in;
        this.utf8 = utf8;
    }

    List<Object> parse() {
        List<Object> parts = new ArrayList<>();
        Tag tag = new Tag(bare());
        expect(' ');
        String name = bare();
        if (name.equals("UID")) {
            expect(' ');
            name = "UID " + bare();
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
            case "CAPABILITY": return new Capability();
            case "NOOP": return new Noop();
            case "LOGOUT": return new Logout();
            case "STARTTLS": return new StartTls();
            case "NAMESPACE": return new Namespace();
            case "EXPUNGE": return new Expunge();
            case "CLOSE": return new Close();
            case "UNSELECT": return new Unselect();
            case "IDLE": return new Idle();
            case "LOGIN": {
                expect(' ');
                String user = astring();
                expect(' ');
                return new Login(user, Secret.of(astring()));
            }
            case "AUTHENTICATE": {
                expect(' ');
                String mechanism = bare();
                if (peek() != ' ') {
                    return new Authenticate(mechanism, null);
                }
                expect(' ');
                String ir = bare();
                return new Authenticate(mechanism, Secret.of(ir.equals("=") ? "" : ir));
            }
            case "ENABLE": {
                List<String> caps = new ArrayList<>();
                while (peek() == ' ') {
                    expect(' ');
                    caps.add(bare());
                }
                return new Enable(caps);
            }
            case "COMPRESS":
                expect(' ');
                return new Compress(bare());
            case "ID":
                expect(' ');
                return new Id(idParameters());
            case "LIST": {
                expect(' ');
                List<String> select = List.of();
                if (peek() == '(') {
                    select = atomList();
                    expect(' ');
                }
                String reference = astring();
                expect(' ');
                String pattern = astring();
                List<String> ret = List.of();
                if (peek() == ' ') {
                    expectText(" RETURN ");
                    ret = atomList();
                }
                return new ListMailboxes(select, reference, pattern, ret);
            }
            case "LSUB": {
                expect(' ');
                String reference = astring();
                expect(' ');
                return new Lsub(reference, astring());
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
                    expectText(" (USE ");
                    use = atomList();
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
                return new Status(mailbox, atomList());
            }
            case "UID EXPUNGE":
                expect(' ');
                return new UidExpunge(SequenceSet.parse(bare()));
            case "UID COPY":
            case "UID MOVE": {
                expect(' ');
                SequenceSet uids = SequenceSet.parse(bare());
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
            for (;;) {
                String param = bare();
                if (param.equals("CONDSTORE")) {
                    condStore = true;
                } else if (param.equals("QRESYNC")) {
                    expectText(" (");
                    long uidValidity = Long.parseLong(bare());
                    expect(' ');
                    long modSeq = Long.parseLong(bare());
                    SequenceSet known = null;
                    if (peek() == ' ') {
                        expect(' ');
                        known = SequenceSet.parse(bare());
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
        SequenceSet uids = SequenceSet.parse(bare());
        expect(' ');
        Long unchangedSince = null;
        if (peek() == '(') {
            expectText("(UNCHANGEDSINCE ");
            unchangedSince = Long.parseLong(bare());
            expectText(") ");
        }
        String item = bare();
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
            date = ImapDateTime.parse(quoted());
            expect(' ');
        }
        boolean binary = peek() == '~';
        if (binary) {
            expect('~');
        }
        expect('{');
        long length = Long.parseLong(digits());
        LiteralMode mode = LiteralMode.SYNCHRONIZING;
        if (peek() == '+') {
            expect('+');
            mode = LiteralMode.NON_SYNCHRONIZING;
        }
        expect('}');
        crlf();
        return new AppendMessage(flags, date, length, binary, mode);
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

    private List<Flag> flagList() {
        List<Flag> flags = new ArrayList<>();
        for (String s : atomList()) {
            flags.add(new Flag(s));
        }
        return flags;
    }

    /** {@code "(" [item *(SP item)] ")"} with bare items. */
    private List<String> atomList() {
        expect('(');
        List<String> items = new ArrayList<>();
        while (peek() != ')') {
            if (!items.isEmpty()) {
                expect(' ');
            }
            items.add(bare());
        }
        expect(')');
        return items;
    }

    private MailboxName mailbox() {
        String wire = astring();
        return utf8 ? MailboxName.of(wire) : MailboxName.fromWire(wire);
    }

    /** <pre>astring = 1*ASTRING-CHAR / string</pre>  (also list-mailbox's bare form) */
    private String astring() {
        int c = peek();
        return c == '"' || c == '{' ? string() : bare();
    }

    /** <pre>string = quoted / literal</pre> */
    private String string() {
        if (peek() == '"') {
            return quoted();
        }
        expect('{');
        int length = Integer.parseInt(digits());
        if (peek() == '+') {
            expect('+');
        }
        expect('}');
        crlf();
        return new String(bytes(length), StandardCharsets.UTF_8);
    }

    private String quoted() {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (;;) {
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

    /** Everything up to SP, CRLF, "(" or ")"; must be non-empty and ASCII. */
    private String bare() {
        int start = pos;
        while (pos < in.length) {
            int c = in[pos] & 0xff;
            if (c == ' ' || c == '\r' || c == '(' || c == ')') {
                break;
            }
            if (c == '"' || c == '{' || c == '\\' && pos != start || c < 0x20 || c >= 0x7f) {
                throw error("character " + c + " in an atom");
            }
            pos++;
        }
        if (pos == start) {
            throw error("empty atom");
        }
        return new String(in, start, pos - start, StandardCharsets.US_ASCII);
    }

    private String digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("number expected");
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
        return new IllegalArgumentException(what + " at offset " + pos + " of "
                + new String(in, StandardCharsets.UTF_8).replace("\r\n", "\\r\\n"));
    }
}
