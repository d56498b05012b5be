package org.imapferry.protocol.command;

import org.imapferry.protocol.types.Secret;

/**
 * <pre>authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")] *(CRLF base64)</pre>
 * (RFC 3501 §9 with SASL-IR, RFC 4959 §7). The initial response is already base64; an empty
 * one is sent as "=". Later steps go as {@link SaslResponse}.
 *
 * @param initialResponse base64 initial response (SASL-IR), or null to wait for a challenge
 */
public record Authenticate(String mechanism, Secret initialResponse) implements ImapCommand {
    @Override
    public String name() {
        return "AUTHENTICATE";
    }
}
