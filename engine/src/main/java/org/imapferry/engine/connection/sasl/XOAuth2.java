package org.imapferry.engine.connection.sasl;

import java.util.Objects;
import java.util.Optional;
import org.imapferry.protocol.types.Secret;

/**
 * Google's and Microsoft's XOAUTH2: {@code user=U ^A auth=Bearer T ^A ^A}
 * (https://developers.google.com/gmail/imap/xoauth2-protocol). When the token is refused the
 * server sends a base64 JSON error as a challenge, and the client must answer with an empty line
 * to receive the tagged NO; that JSON is kept for the error message.
 */
public final class XOAuth2 implements SaslMechanism {
    private final String user;
    private final Secret token;
    private boolean sent;
    private boolean errorAnswered;
    private String serverError;

    public XOAuth2(String user, Secret token) {
        this.user = Objects.requireNonNull(user, "user");
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public String name() {
        return "XOAUTH2";
    }

    @Override
    public Secret initialResponse() {
        sent = true;
        return SaslCodec.encode("user=" + user + "\u0001auth=Bearer " + token.reveal() + "\u0001\u0001");
    }

    @Override
    public Secret respond(String base64Challenge) {
        if (!sent) {
            return initialResponse();
        }
        if (errorAnswered) {
            throw SaslCodec.alreadyComplete(name());
        }
        serverError = SaslCodec.decodeText(name(), base64Challenge);
        errorAnswered = true;
        return Secret.of("");
    }

    @Override
    public boolean isComplete() {
        return sent;
    }

    /** The server's JSON error (e.g. {@code {"status":"401",...}}), once it refused the token. */
    public Optional<String> serverError() {
        return Optional.ofNullable(serverError);
    }

    @Override
    public String toString() {
        return "XOAUTH2 as " + user;
    }
}
