package org.imapferry.engine.connection.sasl;

import java.util.Objects;
import java.util.Optional;
import org.imapferry.protocol.types.Secret;

/**
 * OAUTHBEARER (RFC 7628): a GS2 header naming the user ({@code n,a=user,}, RFC 5801 §4) then
 * key/value pairs separated by ^A: {@code host}, {@code port} (RFC 7628 §3.1) and
 * {@code auth=Bearer token}, ended by ^A^A. On failure the server sends a JSON error challenge;
 * the client answers with a single ^A (RFC 7628 §3.2.3) and receives the tagged NO.
 */
public final class OAuthBearer implements SaslMechanism {
    private final String user;
    private final Secret token;
    private final String host;
    private final int port;
    private boolean sent;
    private boolean errorAnswered;
    private String serverError;

    /**
     * @param host the host name connected to, or null to leave it out
     * @param port the port connected to, or 0 to leave it out
     */
    public OAuthBearer(String user, Secret token, String host, int port) {
        this.user = Objects.requireNonNull(user, "user");
        this.token = Objects.requireNonNull(token, "token");
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return "OAUTHBEARER";
    }

    @Override
    public Secret initialResponse() {
        sent = true;
        StringBuilder message = new StringBuilder("n,a=").append(saslName(user)).append(",\u0001");
        if (host != null) {
            message.append("host=").append(host).append('\u0001');
        }
        if (port > 0) {
            message.append("port=").append(port).append('\u0001');
        }
        message.append("auth=Bearer ").append(token.reveal()).append("\u0001\u0001");
        return SaslCodec.encode(message.toString());
    }

    /** RFC 5801 §4: "," and "=" in a saslname are written =2C and =3D. */
    private static String saslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
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
        return SaslCodec.encode("\u0001");
    }

    @Override
    public boolean isComplete() {
        return sent;
    }

    /** The server's JSON error (RFC 7628 §3.2.2), once it refused the token. */
    public Optional<String> serverError() {
        return Optional.ofNullable(serverError);
    }

    @Override
    public String toString() {
        return "OAUTHBEARER as " + user;
    }
}
