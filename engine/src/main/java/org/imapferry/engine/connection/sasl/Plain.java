package org.imapferry.engine.connection.sasl;

import java.util.Objects;
import org.imapferry.protocol.types.Secret;

/**
 * PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}.
 * For an administrator logging in on a user's behalf (imapsync's --authuser), the authentication
 * identity is the administrator and the authorization identity is the user whose mailbox is
 * wanted; the password is the administrator's.
 */
public final class Plain implements SaslMechanism {
    private final String authzid;
    private final String authcid;
    private final Secret password;
    private boolean sent;

    /**
     * @param authzid the identity to act as, or null to act as {@code authcid}
     * @param authcid the identity whose password this is
     */
    public Plain(String authzid, String authcid, Secret password) {
        this.authzid = authzid;
        this.authcid = Objects.requireNonNull(authcid, "authcid");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public Secret initialResponse() {
        sent = true;
        String message = (authzid == null ? "" : authzid) + '\0' + authcid + '\0' + password.reveal();
        return SaslCodec.encode(message);
    }

    @Override
    public Secret respond(String base64Challenge) {
        if (sent) {
            throw SaslCodec.alreadyComplete(name());
        }
        return initialResponse();
    }

    @Override
    public boolean isComplete() {
        return sent;
    }

    @Override
    public String toString() {
        return "PLAIN as " + authcid + (authzid == null ? "" : " for " + authzid);
    }
}
