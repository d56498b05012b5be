package org.imapferry.engine.identity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes two messages "the same" across servers. Built from the identity headers (by default
 * Message-ID, Date and From, imapsync's --useheader), whitespace-normalized; a message without a
 * Message-ID still gets a key from its other headers and subject, so it is never skipped for
 * want of one. The size joins the key only on request (--skipsize off), because servers disagree
 * about sizes (CRLF conversion, added headers).
 */
public record MessageKey(String value, boolean hasMessageId) {
    /** Compiled once: String.replaceAll compiles its pattern on every call, once per message here. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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
        return new MessageKey(key.toString(), hasId);
    }

    private static String normalize(String v) {
        return v == null ? "" : WHITESPACE.matcher(v.strip()).replaceAll(" ");
    }
}
