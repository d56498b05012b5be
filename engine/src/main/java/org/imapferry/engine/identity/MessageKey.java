package org.imapferry.engine.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What makes two messages "the same" across servers. Built from the identity headers (by default
 * Message-ID, Date and From, imapsync's --useheader), whitespace-normalized; a message without a
 * Message-ID still gets a key from its other headers and subject, so it is never skipped for
 * want of one. The size joins the key only on request (--skipsize off), because servers disagree
 * about sizes (CRLF conversion, added headers).
 */
public record MessageKey(long high, long low, boolean hasMessageId) {
    /**
     * A key is kept for every message of a folder on both sides while it is planned; as text it
     * was a header line or three, some 200 bytes a message, and 300,000 of them did not fit the
     * launcher's heap. So the text is kept as the first 128 bits of its SHA-256: two different
     * texts share them with a chance of about n^2 / 2^129, and a shared key only makes two
     * messages count as one more of the same, as equal headers do anyway.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    });

    /** The key of a text that says what makes a message itself. */
    public static MessageKey ofText(String text, boolean hasMessageId) {
        byte[] digest = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        ByteBuffer bits = ByteBuffer.wrap(digest);
        return new MessageKey(bits.getLong(), bits.getLong(), hasMessageId);
    }

    public static MessageKey of(Map<String, String> headers, List<String> useHeaders, Long size, boolean withSize) {
        StringBuilder key = new StringBuilder();
        for (String header : useHeaders) {
            String v = headers.get(header.toLowerCase(Locale.ROOT));
            key.append(header.toLowerCase(Locale.ROOT))
                    .append('=')
                    .append(normalize(v))
                    .append('\n');
        }
        String messageId = headers.get("message-id");
        boolean hasId = messageId != null && !messageId.isBlank();
        if (!hasId) {
            key.append("subject=").append(normalize(headers.get("subject"))).append('\n');
        }
        if (withSize && size != null) {
            key.append("size=").append(size).append('\n');
        }
        return ofText(key.toString(), hasId);
    }

    /**
     * Stripped, each run of whitespace (as regular expressions' \\s: space, tab, LF, VT, FF, CR)
     * made one space; by hand, since it runs for every header of every message on both sides.
     */
    static String normalize(String v) {
        if (v == null) {
            return "";
        }
        String s = v.strip();
        StringBuilder out = new StringBuilder(s.length());
        boolean inRun = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = c == ' ' || (c >= '\t' && c <= '\r');
            if (!space) {
                out.append(c);
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = space;
        }
        return out.toString();
    }
}
