package org.imapferry.protocol.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imapferry.protocol.types.Atom;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;

/**
 * A cursor over one framed response and the lexical rules of RFC 3501 §9 / RFC 9051 §9.
 *
 * <p>The response is held as the decoder framed it: its lines (without their final CRLF), each
 * literal announcement followed by CRLF and, for an inline literal, its bytes. A literal whose
 * bytes were streamed has nothing after its CRLF; its content offset is listed in
 * {@code streamed}. Every rule is lenient about spacing (real servers send double and trailing
 * spaces) but strict about structure, so a value is never silently misread.
 */
final class ImapReader {
    private final byte[] buf;
    private final int end;
    private final int[] streamed;
    private final int streamedCount;
    private int pos;

    ImapReader(byte[] buf, int start, int end, int[] streamed, int streamedCount) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.streamed = streamed;
        this.streamedCount = streamedCount;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The next byte, or -1 at the end. */
    int peek() {
        return pos < end ? buf[pos] & 0xff : -1;
    }

    boolean peekIs(char c) {
        return peek() == c;
    }

    void advance() {
        pos++;
    }

    GrammarException error(String what) {
        String found = atEnd() ? "end of response" : describe(peek());
        return new GrammarException(what + " at offset " + pos + ", found " + found);
    }

    private static String describe(int c) {
        return c >= 0x21 && c < 0x7f ? "'" + (char) c + "'" : String.format("0x%02x", c);
    }

    void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** {@code SP}, leniently one or more, as servers send double spaces ({@code *  633 EXISTS}). */
    void sp() {
        if (peek() != ' ') {
            throw error("expected SP");
        }
        skipSpaces();
    }

    void skipSpaces() {
        while (pos < end && buf[pos] == ' ') {
            pos++;
        }
    }

    /** Nothing but spaces (or a stray TAB) may follow: servers pad the end of a line. */
    void expectEnd() {
        while (pos < end && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        if (!atEnd()) {
            throw error("expected end of response");
        }
    }

    /** Case-insensitively consumes {@code word} if it comes next as a whole token. */
    boolean tryWord(String word) {
        int n = word.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase((char) (buf[pos + i] & 0xff)) != word.charAt(i)) {
                return false;
            }
        }
        if (pos + n < end && isAtomByte(buf[pos + n] & 0xff)) {
            return false;
        }
        pos += n;
        return true;
    }

    /** {@code nil = "NIL"} */
    boolean tryNil() {
        return tryWord("NIL");
    }

    /** ATOM-CHAR, plus 8-bit bytes, which some servers put in atoms. */
    private static boolean isAtomByte(int c) {
        return c >= 0x80 || Atom.isAtomChar(c);
    }

    /** {@code atom = 1*ATOM-CHAR} */
    String readAtom() {
        int start = pos;
        while (pos < end && isAtomByte(buf[pos] & 0xff)) {
            pos++;
        }
        if (pos == start) {
            throw error("expected an atom");
        }
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    /** A run of bytes up to the next SP or TAB, for tags and capability tokens. */
    String readToken() {
        int start = pos;
        while (pos < end && buf[pos] != ' ' && buf[pos] != '\t') {
            pos++;
        }
        if (pos == start) {
            throw error("expected a token");
        }
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    /** {@code number = 1*DIGIT} ; unsigned 63-bit, wider than RFC 3501's 32 bits for MODSEQ */
    long readNumber() {
        int start = pos;
        long value = 0;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            if (value > (Long.MAX_VALUE - 9) / 10) {
                throw new GrammarException("number too large at offset " + start);
            }
            value = value * 10 + (buf[pos] - '0');
            pos++;
        }
        if (pos == start) {
            throw error("expected a number");
        }
        return value;
    }

    /** {@code nz-number = digit-nz *DIGIT} */
    long readNzNumber() {
        int start = pos;
        long value = readNumber();
        if (value == 0) {
            throw new GrammarException("expected a non-zero number at offset " + start);
        }
        return value;
    }

    /**
     * <pre>
     * quoted       = DQUOTE *QUOTED-CHAR DQUOTE
     * QUOTED-CHAR  = &lt;any TEXT-CHAR except quoted-specials&gt; / "\" quoted-specials / UTF8-2 / UTF8-3 / UTF8-4
     * </pre>
     * 8-bit bytes are taken as they come (servers send Latin-1 and double-encoded UTF-8).
     */
    byte[] readQuoted() {
        expect('"');
        byte[] out = new byte[16];
        int n = 0;
        for (; ; ) {
            if (pos >= end) {
                throw error("unterminated quoted string");
            }
            byte b = buf[pos++];
            if (b == '"') {
                return Arrays.copyOf(out, n);
            }
            if (b == '\\') {
                if (pos >= end) {
                    throw error("unterminated quoted string");
                }
                b = buf[pos++];
            }
            if (b == '\r' || b == '\n') {
                throw new GrammarException("CR or LF in a quoted string at offset " + (pos - 1));
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = b;
        }
    }

    /** Whether a literal announcement ({@code {n}} or {@code ~{n}}) comes next. */
    boolean atLiteral() {
        int c = peek();
        return c == '{' || c == '~' && pos + 1 < end && buf[pos + 1] == '{';
    }

    /** Whether the literal that comes next was streamed, so its bytes are not here. */
    boolean atStreamedLiteral() {
        if (!atLiteral()) {
            return false;
        }
        int crlf = indexOf((byte) '\n', pos);
        return crlf >= 0 && Arrays.binarySearch(streamed, 0, streamedCount, crlf + 1) >= 0;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Consumes the announcement of a streamed literal; its bytes were already delivered. */
    void skipStreamedLiteral() {
        pos = indexOf((byte) '\n', pos) + 1;
    }

    /**
     * <pre>
     * literal  = "{" number ["+"] "}" CRLF *CHAR8      (RFC 3501 §9, RFC 7888 §3)
     * literal8 = "~{" number "}" CRLF *OCTET            (RFC 3516 §4.2)
     * </pre>
     * The decoder checked the announcement while framing; this reads the bytes it kept.
     */
    byte[] readLiteral() {
        if (atStreamedLiteral()) {
            throw error("a streamed literal where a string was expected");
        }
        if (peekIs('~')) {
            pos++;
        }
        expect('{');
        long length = readNumber();
        if (peekIs('+')) {
            pos++;
        }
        expect('}');
        expect('\r');
        expect('\n');
        if (length > end - pos) {
            throw error("literal of " + length + " bytes runs past the response");
        }
        byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) length);
        pos += (int) length;
        return out;
    }

    /** {@code string = quoted / literal} */
    byte[] readString() {
        if (peekIs('"')) {
            return readQuoted();
        }
        if (atLiteral()) {
            return readLiteral();
        }
        throw error("expected a string");
    }

    /** {@code nstring = string / nil} ; null for NIL */
    byte[] readNstring() {
        if (tryNil()) {
            return null;
        }
        return readString();
    }

    /**
     * <pre>
     * astring      = 1*ASTRING-CHAR / string
     * ASTRING-CHAR = ATOM-CHAR / resp-specials
     * </pre>
     */
    byte[] readAstring() {
        if (peekIs('"') || atLiteral()) {
            return readString();
        }
        int start = pos;
        while (pos < end && (isAtomByte(buf[pos] & 0xff) || buf[pos] == ']')) {
            pos++;
        }
        if (pos == start) {
            throw error("expected an astring");
        }
        return Arrays.copyOfRange(buf, start, pos);
    }

    /**
     * {@code mailbox = "INBOX" / astring}, read leniently: as an atom it runs to the next SP or
     * parenthesis, so names with CTL bytes (Exchange sends TABs) or wildcards still come through.
     */
    byte[] readMailboxBytes() {
        if (peekIs('"') || atLiteral()) {
            return readString();
        }
        int start = pos;
        while (pos < end && buf[pos] != ' ' && buf[pos] != '(' && buf[pos] != ')' && buf[pos] != '"') {
            pos++;
        }
        if (pos == start) {
            throw error("expected a mailbox name");
        }
        return Arrays.copyOfRange(buf, start, pos);
    }

    /**
     * <pre>
     * flag-list = "(" [flag *(SP flag)] ")"
     * flag      = "\Answered" / ... / flag-keyword / flag-extension
     * </pre>
     * NIL is read as an empty list (seen where a list is expected).
     */
    List<Flag> readFlagList() {
        List<Flag> flags = new ArrayList<>();
        if (tryNil()) {
            return flags;
        }
        expect('(');
        for (; ; ) {
            skipSpaces();
            if (peekIs(')')) {
                pos++;
                return flags;
            }
            flags.add(readFlag());
        }
    }

    /**
     * A FETCH response's {@code FLAGS (flag-fetch *(SP flag-fetch))} (RFC 3501 §7.4.2), read so that
     * one flag a broken server spells with characters no flag may hold ({@code \Seen(}, {@code %},
     * a CTL, 8-bit) does not cost the whole response, and with it the message's UID: each item is
     * the bytes up to the next SP or ")". Items that are not flags go to {@code refused}, printable
     * ({@code \xNN} for any byte outside US-ASCII's printable range).
     */
    List<Flag> readMessageFlags(List<String> refused) {
        List<Flag> flags = new ArrayList<>();
        if (tryNil()) {
            return flags;
        }
        expect('(');
        for (; ; ) {
            skipSpaces();
            if (peekIs(')')) {
                pos++;
                return flags;
            }
            if (atEnd()) {
                throw error("expected \")\" to end the flag list");
            }
            int start = pos;
            while (pos < end && buf[pos] != ' ' && buf[pos] != ')') {
                pos++;
            }
            try {
                flags.add(new Flag(new String(buf, start, pos - start, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException notAFlag) {
                refused.add(printable(start, pos));
            }
        }
    }

    private String printable(int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int c = buf[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02X", c));
            }
        }
        return out.toString();
    }

    /** {@code flag-perm = flag / "\*"} ; flag-extension = "\" atom */
    Flag readFlag() {
        int start = pos;
        if (peekIs('\\')) {
            pos++;
            if (peekIs('*')) {
                pos++;
                return Flag.ANY_KEYWORD;
            }
        }
        while (pos < end && isAtomByte(buf[pos] & 0xff)) {
            pos++;
        }
        if (pos == start || pos == start + 1 && buf[start] == '\\') {
            throw error("expected a flag");
        }
        return new Flag(new String(buf, start, pos - start, StandardCharsets.UTF_8));
    }

    /**
     * <pre>
     * sequence-set = (seq-number / seq-range) ["," sequence-set]
     * seq-range    = seq-number ":" seq-number
     * </pre>
     */
    SequenceSet readSequenceSet() {
        int start = pos;
        while (pos < end
                && (buf[pos] >= '0' && buf[pos] <= '9' || buf[pos] == ':' || buf[pos] == ',' || buf[pos] == '*')) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a sequence set");
        }
        try {
            return SequenceSet.parse(new String(buf, start, pos - start, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new GrammarException(e.getMessage() + " at offset " + start);
        }
    }

    /**
     * Skips one value of any shape without interpreting it: a parenthesized list (nested, with
     * strings and literals inside, spaces optional as broken servers omit them), a quoted string,
     * a literal, or a bare token (atoms, NIL, numbers, also the negative and scientific numbers
     * some servers put in BODYSTRUCTURE). Returns the raw text of what was skipped.
     */
    String skipValue() {
        int start = pos;
        skipOne();
        return text(start, pos);
    }

    private void skipOne() {
        if (atEnd()) {
            throw error("expected a value");
        }
        if (peekIs('(')) {
            pos++;
            for (; ; ) {
                skipSpaces();
                if (peekIs(')')) {
                    pos++;
                    return;
                }
                skipOne();
            }
        }
        if (peekIs('"')) {
            readQuoted();
        } else if (atStreamedLiteral()) {
            skipStreamedLiteral();
        } else if (atLiteral()) {
            readLiteral();
        } else {
            skipBareToken();
        }
    }

    /** A token, with any bracketed part ({@code BODY[HEADER.FIELDS (A B)]}) kept whole. */
    private void skipBareToken() {
        int start = pos;
        while (pos < end) {
            byte b = buf[pos];
            if (b == '[') {
                int close = indexOf((byte) ']', pos);
                pos = close < 0 ? end : close + 1;
                continue;
            }
            if (b == ' ' || b == '(' || b == ')' || b == '"' || b == '\r' || b == '\n') {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected a value");
        }
    }

    /** The rest of the response as text: {@code text = 1*TEXT-CHAR}, UTF-8 per RFC 9051. */
    String readRest() {
        String text = text(pos, end);
        pos = end;
        return text;
    }

    String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    int end() {
        return end;
    }

    /** The index of the last {@code c} at or after the cursor, or -1. */
    int findLast(char c) {
        for (int i = end - 1; i >= pos; i--) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the next {@code c} at or after the cursor, or -1. */
    int find(char c) {
        return indexOf((byte) c, pos);
    }

    void position(int newPos) {
        pos = newPos;
    }

    /** A reader over part of the same bytes, for a bracketed response code. */
    ImapReader sub(int from, int to) {
        return new ImapReader(buf, from, to, streamed, streamedCount);
    }
}
