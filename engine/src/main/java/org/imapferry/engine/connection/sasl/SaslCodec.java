package org.imapferry.engine.connection.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imapferry.protocol.types.Secret;

/** Base64 as AUTHENTICATE carries it (RFC 3501 §6.2.2); shared by the mechanisms. */
final class SaslCodec {
    private SaslCodec() {}

    static Secret encode(String clear) {
        return Secret.of(Base64.getEncoder().encodeToString(clear.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] decode(String mechanism, String base64Challenge) {
        try {
            return Base64.getDecoder().decode(base64Challenge.trim());
        } catch (IllegalArgumentException e) {
            throw new SaslException(mechanism + ": the server's challenge is not base64: " + e.getMessage());
        }
    }

    static String decodeText(String mechanism, String base64Challenge) {
        return new String(decode(mechanism, base64Challenge), StandardCharsets.UTF_8);
    }

    static SaslException alreadyComplete(String mechanism) {
        return new SaslException(mechanism + ": the server sent another challenge after the exchange was complete");
    }
}
