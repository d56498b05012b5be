package org.imapferry.engine.connection.sasl;

import org.imapferry.protocol.types.Secret;

/**
 * OAUTHBEARER (RFC 7628): a GS2 header naming the user ({@code n,a=user,}, RFC 5801 §4) then
 * key/value pairs separated by ^A: {@code host}, {@code port} (RFC 7628 §3.1) and
 * {@code auth=Bearer token}, ended by ^A^A. On failure the server sends a JSON error challenge;
 * the client answers with a single ^A (RFC 7628 §3.2.3) and receives the tagged NO.
 */
public final class OAuthBearer extends BearerToken {
    private final String host;
    private final int port;

    /**
     * @param host the host name connected to, or null to leave it out
     * @param port the port connected to, or 0 to leave it out
     */
    public OAuthBearer(String user, Secret token, String host, int port) {
        super(user, token);
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return "OAUTHBEARER";
    }

    @Override
    String message() {
        StringBuilder message = new StringBuilder("n,a=").append(saslName(user)).append(",\u0001");
        if (host != null) {
            message.append("host=").append(host).append('\u0001');
        }
        if (port > 0) {
            message.append("port=").append(port).append('\u0001');
        }
        return message.append("auth=Bearer ")
                .append(token.reveal())
                .append("\u0001\u0001")
                .toString();
    }

    /** RFC 5801 §4: "," and "=" in a saslname are written =2C and =3D. */
    private static String saslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    @Override
    Secret errorAcknowledgement() {
        return SaslCodec.encode("\u0001");
    }
}
