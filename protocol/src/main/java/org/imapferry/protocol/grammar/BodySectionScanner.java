package org.imapferry.protocol.grammar;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells the decoder, while it frames a response and before it parses any grammar, whether a
 * literal just announced is the value of a FETCH body section, the one kind of literal that is
 * streamed instead of buffered.
 *
 * <p>It follows the response line by line (the bytes before each announcement) and keeps only
 * the parenthesis depth: a body section is an item of the outer msg-att list, so it is at depth 1
 * of {@code * n FETCH (...)}. Quoted strings and bracketed section specs are skipped so their
 * parentheses do not count; literal bytes never reach it.
 *
 * <pre>
 * message-data   = nz-number SP "FETCH" SP msg-att
 * msg-att-static =/ "BODY" section ["&lt;" number "&gt;"] SP nstring
 *                 / "BINARY" section-binary SP (nstring / literal8)
 *                 / "RFC822" [".HEADER" / ".TEXT"] SP nstring
 * </pre>
 */
public final class BodySectionScanner {
    /**
     * A body section item whose value is the announced literal.
     *
     * @param item       BODY, BINARY, RFC822, RFC822.TEXT or RFC822.HEADER (".PEEK" dropped)
     * @param section    the text between the brackets, upper-cased; empty when there are none
     * @param headerOnly a header-like section (HEADER, HEADER.FIELDS, MIME, RFC822.HEADER), small
     *                   enough to be decoded inline unless it is larger than the inline limit
     */
    public record Candidate(long sequenceNumber, String item, String section, Long origin, boolean headerOnly) {}

    private boolean fetch;
    private long sequenceNumber;
    private int depth;

    /** Forgets the previous response. */
    public void reset() {
        fetch = false;
        sequenceNumber = 0;
        depth = 0;
    }

    /**
     * Follows one line of the response up to the announcement at {@code announceAt} (the
     * {@code '{'} or {@code '~'}) and says whether that literal is a body section value.
     *
     * @param first whether this is the first line of the response
     * @return the section, or null for any other literal
     */
    public Candidate literalAt(byte[] buf, int lineStart, int announceAt, boolean first) {
        int from = lineStart;
        if (first) {
            from = fetchPrefix(buf, lineStart, announceAt);
            if (from < 0) {
                return null;
            }
        }
        if (!fetch) {
            return null;
        }
        follow(buf, from, announceAt);
        return depth == 1 ? itemBefore(buf, lineStart, announceAt) : null;
    }

    /** Recognizes {@code "*" SP nz-number SP "FETCH" SP} and returns where msg-att starts, or -1. */
    private int fetchPrefix(byte[] buf, int start, int end) {
        int i = start;
        if (i >= end || buf[i] != '*') {
            return -1;
        }
        i = skipSpaces(buf, i + 1, end);
        long seq = 0;
        int digits = i;
        while (i < end && buf[i] >= '0' && buf[i] <= '9' && i - digits < 18) {
            seq = seq * 10 + (buf[i++] - '0');
        }
        if (i == digits) {
            return -1;
        }
        int afterDigits = skipSpaces(buf, i, end);
        if (afterDigits == i
                || end - afterDigits < 5
                || !new String(buf, afterDigits, 5, StandardCharsets.US_ASCII).equalsIgnoreCase("FETCH")) {
            return -1;
        }
        fetch = true;
        sequenceNumber = seq;
        return afterDigits + 5;
    }

    private static int skipSpaces(byte[] buf, int i, int end) {
        while (i < end && buf[i] == ' ') {
            i++;
        }
        return i;
    }

    private void follow(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            byte b = buf[i++];
            if (b == '(') {
                depth++;
            } else if (b == ')') {
                depth--;
            } else if (b == '"') {
                while (i < to && buf[i] != '"') {
                    i += buf[i] == '\\' ? 2 : 1;
                }
                i++;
            } else if (b == '[') {
                while (i < to && buf[i] != ']') {
                    i++;
                }
                i++;
            }
        }
    }

    /** Reads backwards from the announcement: {@code item [ "[" section "]" ] [ "<" origin ">" ] SP}. */
    private Candidate itemBefore(byte[] buf, int lineStart, int announceAt) {
        int j = announceAt - 1;
        while (j >= lineStart && buf[j] == ' ') {
            j--;
        }
        Long origin = null;
        if (j >= lineStart && buf[j] == '>') {
            int close = j;
            j--;
            while (j >= lineStart && buf[j] >= '0' && buf[j] <= '9') {
                j--;
            }
            if (j < lineStart || buf[j] != '<' || close - j < 2 || close - j > 19) {
                return null;
            }
            origin = Long.parseLong(new String(buf, j + 1, close - j - 1, StandardCharsets.US_ASCII));
            j--;
        }
        String section = null;
        if (j >= lineStart && buf[j] == ']') {
            int close = j;
            while (j >= lineStart && buf[j] != '[') {
                j--;
            }
            if (j < lineStart) {
                return null;
            }
            section = new String(buf, j + 1, close - j - 1, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            j--;
        }
        int nameEnd = j + 1;
        while (j >= lineStart && buf[j] != ' ' && buf[j] != '(') {
            j--;
        }
        String name = itemName(new String(buf, j + 1, nameEnd - j - 1, StandardCharsets.US_ASCII));
        if (section != null && (name.equals("BODY") || name.equals("BINARY"))) {
            return new Candidate(sequenceNumber, name, section, origin, isHeaderSection(section));
        }
        if (section == null
                && origin == null
                && (name.equals("RFC822") || name.equals("RFC822.TEXT") || name.equals("RFC822.HEADER"))) {
            return new Candidate(sequenceNumber, name, "", null, name.equals("RFC822.HEADER"));
        }
        return null;
    }

    /** The item name as the decoder reports it: upper-cased, without ".PEEK" (a few servers echo it). */
    static String itemName(String wire) {
        String name = wire.toUpperCase(Locale.ROOT);
        return name.endsWith(".PEEK") ? name.substring(0, name.length() - 5) : name;
    }

    /**
     * <pre>
     * section-spec = section-msgtext / (section-part ["." section-text])
     * section-text = section-msgtext / "MIME"
     * section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"
     * </pre>
     * True for the header-like texts, after the part number ({@code 1.2.HEADER}).
     */
    static boolean isHeaderSection(String section) {
        int i = 0;
        while (i < section.length() && (Character.isDigit(section.charAt(i)) || section.charAt(i) == '.')) {
            i++;
        }
        String text = section.substring(i);
        return text.startsWith("HEADER") || text.equals("MIME");
    }
}
