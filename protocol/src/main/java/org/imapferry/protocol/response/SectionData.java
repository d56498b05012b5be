package org.imapferry.protocol.response;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A body section decoded inline.
 *
 * @param item    "BODY", "BINARY" or "RFC822.HEADER"-style item name
 * @param section the text between the brackets ({@code HEADER.FIELDS (MESSAGE-ID DATE)}), upper-cased
 * @param origin  the partial origin {@code <n>}, or null
 * @param bytes   the content; null for NIL
 */
public record SectionData(String item, String section, Long origin, byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof SectionData s
                && s.item.equals(item)
                && s.section.equals(section)
                && Objects.equals(s.origin, origin)
                && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return item.hashCode() * 31 + section.hashCode() * 17 + Arrays.hashCode(bytes);
    }

    /** The bytes as text; header bytes are 8-bit on real servers, so this keeps each byte. */
    public String text() {
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return item + "[" + section + "]" + (origin == null ? "" : "<" + origin + ">")
                + (bytes == null ? " NIL" : " {" + bytes.length + "}");
    }
}
