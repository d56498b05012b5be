package org.imapferry.protocol.types;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Mailbox name encoding of RFC 3501 §5.1.3: printable US-ASCII stands for itself, "&amp;" is
 * written "&amp;-", and every other run of characters is UTF-16BE in modified BASE64 (",", not
 * "/", no padding) between "&amp;" and "-".
 */
public final class ModifiedUtf7 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {}

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                i++;
            } else {
                int end = i;
                while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                    end++;
                }
                byte[] utf16 = name.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
                out.append('&')
                        .append(ENCODER.encodeToString(utf16).replace('/', ','))
                        .append('-');
                i = end;
            }
        }
        return out.toString();
    }

    /**
     * Decodes a wire name. A name that is not valid modified UTF-7 (servers do send raw UTF-8
     * or stray "&amp;") is returned unchanged rather than rejected, so it can still be copied.
     */
    public static String decode(String wire) {
        if (wire.indexOf('&') < 0) {
            return wire;
        }
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                return wire;
            }
            if (end == i + 1) {
                out.append('&');
            } else {
                String base64 = wire.substring(i + 1, end);
                // modified BASE64 has "," for "/" and no "=" padding (RFC 3501 §5.1.3)
                if (base64.indexOf('/') >= 0 || base64.indexOf('=') >= 0) {
                    return wire;
                }
                try {
                    byte[] utf16 = DECODER.decode(base64.replace(',', '/'));
                    if (utf16.length % 2 != 0) {
                        return wire;
                    }
                    // REPORT, not the default REPLACE: a lone surrogate must not become U+FFFD
                    out.append(StandardCharsets.UTF_16BE
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(utf16)));
                } catch (IllegalArgumentException | CharacterCodingException notModifiedBase64) {
                    return wire;
                }
            }
            i = end + 1;
        }
        return out.toString();
    }
}
