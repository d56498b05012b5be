package org.imapferry.engine.identity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The header fields of a {@code BODY[HEADER.FIELDS (...)]} answer, unfolded (RFC 5322 §2.2.3)
 * and keyed by lower-cased name; the first occurrence of a field wins.
 */
public final class HeaderFields {
    private HeaderFields() {}

    public static Map<String, String> parse(String block) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (block == null) {
            return fields;
        }
        String name = null;
        StringBuilder value = new StringBuilder();
        // Line by line without a regular expression: every message's header block passes here.
        for (int start = 0; start <= block.length(); ) {
            int end = block.indexOf('\n', start);
            int next = end < 0 ? block.length() + 1 : end + 1;
            if (end < 0) {
                end = block.length();
            }
            String line = block.substring(start, end > start && block.charAt(end - 1) == '\r' ? end - 1 : end);
            start = next;
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                fields.putIfAbsent(name, value.toString().strip());
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                value.setLength(0);
                value.append(line.substring(colon + 1));
            } else {
                name = null;
            }
        }
        if (name != null) {
            fields.putIfAbsent(name, value.toString().strip());
        }
        return fields;
    }
}
