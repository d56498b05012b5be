package org.imapferry.engine.connection.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.Secrets;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaslMechanismsTest {
    private static final Secret PASSWORD = Secret.of("s3cret-pw");

    private static Endpoint endpoint(String mechanism, String authUser, Secret token) {
        return new Endpoint(
                "imap.example.com",
                143,
                Endpoint.Security.STARTTLS,
                "alice",
                PASSWORD,
                mechanism,
                authUser,
                token,
                null,
                true,
                false,
                null,
                Duration.ofSeconds(5),
                false);
    }

    private static Capabilities caps(String... tokens) {
        return Capabilities.of(List.of(tokens));
    }

    @Test
    void plainWhenOfferedElseLoginCommand() {
        assertEquals(
                "PLAIN",
                SaslMechanisms.choose(caps("IMAP4rev1", "AUTH=PLAIN", "AUTH=LOGIN"), endpoint(null, null, null))
                        .orElseThrow()
                        .name());
        assertEquals(
                Optional.empty(),
                SaslMechanisms.choose(caps("IMAP4rev1", "AUTH=CRAM-MD5"), endpoint(null, null, null)));
    }

    @Test
    void loginDisabledWithoutMechanismIsAnError() {
        SaslException e = assertThrows(
                SaslException.class,
                () -> SaslMechanisms.choose(caps("IMAP4rev1", "LOGINDISABLED"), endpoint(null, null, null)));
        assertTrue(e.getMessage().contains("LOGINDISABLED"), e.getMessage());
        Secrets.assertAbsent("the error", e.getMessage(), "alice", "s3cret-pw");
    }

    @Test
    void namedMechanismMustBeOffered() {
        assertInstanceOf(
                CramMd5.class,
                SaslMechanisms.choose(caps("AUTH=PLAIN", "AUTH=CRAM-MD5"), endpoint("cram-md5", null, null))
                        .orElseThrow());
        SaslException e = assertThrows(
                SaslException.class,
                () -> SaslMechanisms.choose(caps("IMAP4rev1", "AUTH=PLAIN"), endpoint("CRAM-MD5", null, null)));
        assertTrue(e.getMessage().contains("CRAM-MD5") && e.getMessage().contains("AUTH=PLAIN"), e.getMessage());
    }

    @Test
    void namedLoginIsTheLoginCommandUnlessDisabled() {
        assertEquals(Optional.empty(), SaslMechanisms.choose(caps("AUTH=PLAIN"), endpoint("LOGIN", null, null)));
        assertInstanceOf(
                Login.class,
                SaslMechanisms.choose(caps("LOGINDISABLED", "AUTH=LOGIN"), endpoint("LOGIN", null, null))
                        .orElseThrow());
        assertThrows(
                SaslException.class, () -> SaslMechanisms.choose(caps("LOGINDISABLED"), endpoint("LOGIN", null, null)));
    }

    @Test
    void tokenChoosesXoauth2ThenOauthbearer() {
        Secret token = Secret.of("tok");
        assertInstanceOf(
                XOAuth2.class,
                SaslMechanisms.choose(
                                caps("AUTH=OAUTHBEARER", "AUTH=XOAUTH2", "AUTH=PLAIN"), endpoint(null, null, token))
                        .orElseThrow());
        assertInstanceOf(
                OAuthBearer.class,
                SaslMechanisms.choose(caps("AUTH=OAUTHBEARER", "AUTH=PLAIN"), endpoint(null, null, token))
                        .orElseThrow());
        assertThrows(SaslException.class, () -> SaslMechanisms.choose(caps("AUTH=PLAIN"), endpoint(null, null, token)));
        assertThrows(
                SaslException.class,
                () -> SaslMechanisms.choose(caps("AUTH=XOAUTH2"), endpoint("XOAUTH2", null, null)));
    }

    @Test
    void adminIdentityUsesPlainWithAuthorizationIdentity() {
        SaslMechanism plain = SaslMechanisms.choose(caps("AUTH=PLAIN"), endpoint(null, "admin", null))
                .orElseThrow();
        String message =
                new String(Base64.getDecoder().decode(plain.initialResponse().reveal()), StandardCharsets.UTF_8);
        assertEquals("alice\0admin\0s3cret-pw", message);
        assertThrows(
                SaslException.class, () -> SaslMechanisms.choose(caps("AUTH=LOGIN"), endpoint(null, "admin", null)));
    }

    @Test
    void tokenFileIsTrimmedAndErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "  ya29.abc \n");
        assertEquals("ya29.abc", OAuthTokens.read(file).reveal());

        Files.writeString(file, "\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OAuthTokens.read(file))
                .getMessage()
                .contains(file.toString() + " is empty"));
        Path missing = dir.resolve("missing");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OAuthTokens.read(missing))
                .getMessage()
                .contains(missing + " does not exist"));
        Files.writeString(file, "secret-one secret-two");
        IllegalArgumentException twoWords = assertThrows(IllegalArgumentException.class, () -> OAuthTokens.read(file));
        Secrets.assertAbsent("the error", twoWords.getMessage(), null, "secret-one");
    }
}
