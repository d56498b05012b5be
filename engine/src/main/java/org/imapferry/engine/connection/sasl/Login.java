package org.imapferry.engine.connection.sasl;

import java.util.Locale;
import java.util.Objects;
import org.imapferry.protocol.types.Secret;

/**
 * The LOGIN mechanism (draft-murchison-sasl-login): the server asks for the user name, then the
 * password. The draft says a client must not depend on the prompt text ("Username:",
 * "Password:", or anything else), so the order decides; a prompt that clearly names the
 * password is honoured even out of order.
 */
public final class Login implements SaslMechanism {
    private final String user;
    private final Secret password;
    private boolean userSent;
    private boolean passwordSent;

    public Login(String user, Secret password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public Secret initialResponse() {
        return null;
    }

    @Override
    public Secret respond(String base64Challenge) {
        if (passwordSent) {
            throw SaslCodec.alreadyComplete(name());
        }
        String prompt = SaslCodec.decodeText(name(), base64Challenge).toLowerCase(Locale.ROOT);
        if (userSent || prompt.startsWith("pass")) {
            passwordSent = true;
            return SaslCodec.encode(password.reveal());
        }
        userSent = true;
        return SaslCodec.encode(user);
    }

    @Override
    public boolean isComplete() {
        return passwordSent;
    }

    @Override
    public String toString() {
        return "LOGIN as " + user;
    }
}
