package org.imapferry.engine.connection.sasl;

import java.util.Objects;
import java.util.Optional;
import org.imapferry.protocol.types.Secret;

/**
 * What XOAUTH2 and OAUTHBEARER share: one message carrying {@code auth=Bearer <token>}; when the
 * token is refused, a base64 JSON error as a challenge, which the client acknowledges to receive
 * the tagged NO, and which is kept for the error message.
 */
public abstract sealed class BearerToken implements SaslMechanism permits XOAuth2, OAuthBearer {
    protected final String user;
    protected final Secret token;
    private boolean sent;
    private boolean errorAnswered;
    private String serverError;

    BearerToken(String user, Secret token) {
        this.user = Objects.requireNonNull(user, "user");
        this.token = Objects.requireNonNull(token, "token");
    }

    /** The clear text of the one message, with the token in it. */
    abstract String message();

    /** The answer to the error challenge, already base64. */
    abstract Secret errorAcknowledgement();

    @Override
    public final Secret initialResponse() {
        sent = true;
        return SaslCodec.encode(message());
    }

    @Override
    public final Secret respond(String base64Challenge) {
        if (!sent) {
            return initialResponse();
        }
        if (errorAnswered) {
            throw SaslCodec.alreadyComplete(name());
        }
        serverError = SaslCodec.decodeText(name(), base64Challenge);
        errorAnswered = true;
        return errorAcknowledgement();
    }

    @Override
    public final boolean isComplete() {
        return sent;
    }

    /** The server's JSON error (e.g. {@code {"status":"401",...}}), once it refused the token. */
    public final Optional<String> serverError() {
        return Optional.ofNullable(serverError);
    }

    @Override
    public String toString() {
        return name() + " as " + user;
    }
}
