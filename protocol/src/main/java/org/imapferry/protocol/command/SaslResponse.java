package org.imapferry.protocol.command;

import org.imapferry.protocol.types.Secret;

/**
 * A line answering an AUTHENTICATE challenge: base64, or "*" to cancel (RFC 3501 §6.2.2).
 * It carries credentials, so it is a {@link Secret}.
 */
public record SaslResponse(Secret base64) implements CommandPart {}
