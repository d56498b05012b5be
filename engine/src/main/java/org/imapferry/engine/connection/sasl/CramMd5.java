package org.imapferry.engine.connection.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.imapferry.protocol.types.Secret;

/**
 * CRAM-MD5 (RFC 2195): the server sends a challenge; the client answers
 * {@code user SP hex(HMAC-MD5(password, challenge))} in lower-case hex. The password never
 * crosses the wire.
 */
public final class CramMd5 implements SaslMechanism {
    private final String user;
    private final Secret password;
    private boolean answered;

    public CramMd5(String user, Secret password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    @Override
    public String name() {
        return "CRAM-MD5";
    }

    @Override
    public Secret initialResponse() {
        return null;
    }

    @Override
    public Secret respond(String base64Challenge) {
        if (answered) {
            throw SaslCodec.alreadyComplete(name());
        }
        byte[] challenge = SaslCodec.decode(name(), base64Challenge);
        if (challenge.length == 0) {
            throw new SaslException("CRAM-MD5: the server sent an empty challenge");
        }
        answered = true;
        return SaslCodec.encode(user + ' ' + HexFormat.of().formatHex(hmacMd5(challenge)));
    }

    private byte[] hmacMd5(byte[] challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(password.reveal().getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return mac.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            // HmacMD5 is a required algorithm of every Java platform.
            throw new IllegalStateException("HmacMD5 is not available", e);
        }
    }

    @Override
    public boolean isComplete() {
        return answered;
    }

    @Override
    public String toString() {
        return "CRAM-MD5 as " + user;
    }
}
