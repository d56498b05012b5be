package org.imapferry.engine.connection.sasl;

import org.imapferry.protocol.types.Secret;

/**
 * The client side of one SASL exchange (RFC 4422) as IMAP's AUTHENTICATE carries it
 * (RFC 3501 §6.2.2): challenges and responses travel base64-encoded. One instance serves one
 * exchange; it is stateful and not thread-safe.
 *
 * <p>Use: send {@code AUTHENTICATE name() initialResponse()} when the server has SASL-IR
 * (RFC 4959) and the mechanism has an initial response; otherwise send {@code AUTHENTICATE name()}
 * and answer every continuation request ({@code + <base64>}) with {@link #respond(String)}.
 * A mechanism whose initial response was not sent answers the server's first, empty challenge
 * with it, as RFC 4959 §3 describes.
 */
public sealed interface SaslMechanism permits Plain, Login, CramMd5, BearerToken {

    /** The name after AUTHENTICATE, as the server announces it in {@code AUTH=}. */
    String name();

    /**
     * The base64 initial response, or null when the mechanism starts with a server challenge.
     * Calling this counts as having sent it.
     */
    Secret initialResponse();

    /**
     * The base64 answer to one continuation request.
     *
     * @param base64Challenge the text after "+ " (may be empty)
     * @throws SaslException when the challenge is not valid base64 or the exchange is already over
     */
    Secret respond(String base64Challenge);

    /** True once the client has nothing more to send; the server's tagged answer decides. */
    boolean isComplete();
}
