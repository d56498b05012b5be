package org.imapferry.engine.connection.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imapferry.engine.connection.Secrets;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

class SaslMechanismTest {

    private static String b64(String clear) {
        return Base64.getEncoder().encodeToString(clear.getBytes(StandardCharsets.UTF_8));
    }

    private static String clear(Secret base64) {
        return new String(Base64.getDecoder().decode(base64.reveal()), StandardCharsets.UTF_8);
    }

    @Test
    void plainFollowsRfc4616() {
        // RFC 4616 §4: "\0tim\0tanstaaftanstaaf" for tim, and with an authorization identity.
        Plain plain = new Plain(null, "tim", Secret.of("tanstaaftanstaaf"));
        assertFalse(plain.isComplete());
        assertEquals("AHRpbQB0YW5zdGFhZnRhbnN0YWFm", plain.initialResponse().reveal());
        assertTrue(plain.isComplete());

        Plain admin = new Plain("Ursel", "Kurt", Secret.of("xipj3plmq"));
        assertEquals("Ursel\0Kurt\0xipj3plmq", clear(admin.initialResponse()));
    }

    @Test
    void plainWithoutSaslIrAnswersTheEmptyChallenge() {
        Plain plain = new Plain(null, "tim", Secret.of("tanstaaftanstaaf"));
        assertEquals("AHRpbQB0YW5zdGFhZnRhbnN0YWFm", plain.respond("").reveal());
        assertThrows(SaslException.class, () -> plain.respond(""));
    }

    @Test
    void loginAnswersUserThenPassword() {
        Login login = new Login("tim", Secret.of("tanstaaftanstaaf"));
        assertNull(login.initialResponse());
        assertEquals("tim", clear(login.respond(b64("Username:"))));
        assertFalse(login.isComplete());
        assertEquals("tanstaaftanstaaf", clear(login.respond(b64("Password:"))));
        assertTrue(login.isComplete());
        assertThrows(SaslException.class, () -> login.respond(b64("Password:")));
    }

    @Test
    void loginDoesNotDependOnPromptText() {
        Login login = new Login("tim", Secret.of("pw"));
        assertEquals("tim", clear(login.respond(b64("VXNlciBOYW1lAA=="))));
        assertEquals("pw", clear(login.respond("")));
    }

    @Test
    void cramMd5MatchesRfc2195Example() {
        CramMd5 cram = new CramMd5("tim", Secret.of("tanstaaftanstaaf"));
        assertNull(cram.initialResponse());
        Secret answer = cram.respond("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
        assertEquals("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw", answer.reveal());
        assertTrue(cram.isComplete());
    }

    @Test
    void cramMd5RejectsGarbageChallenge() {
        SaslException e =
                assertThrows(SaslException.class, () -> new CramMd5("tim", Secret.of("pw")).respond("not base64!"));
        assertTrue(e.getMessage().contains("CRAM-MD5"), e.getMessage());
    }

    @Test
    void xoauth2FollowsGooglesFormatAndAnswersErrorsWithAnEmptyLine() {
        XOAuth2 xoauth2 =
                new XOAuth2("someuser@example.com", Secret.of("ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"));
        // The example from https://developers.google.com/gmail/imap/xoauth2-protocol
        assertEquals(
                "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==",
                xoauth2.initialResponse().reveal());
        assertTrue(xoauth2.isComplete());
        String error = "{\"status\":\"401\",\"schemes\":\"bearer mac\",\"scope\":\"https://mail.google.com/\"}";
        assertEquals("", xoauth2.respond(b64(error)).reveal());
        assertEquals(error, xoauth2.serverError().orElseThrow());
    }

    @Test
    void oauthBearerMatchesRfc7628Example() {
        // RFC 7628 §4.1, with the host and port the client connected to.
        OAuthBearer bearer = new OAuthBearer(
                "user@example.com", Secret.of("vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="), "server.example.com", 143);
        assertEquals(
                "bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB",
                bearer.initialResponse().reveal());
        // RFC 7628 §3.2.3: a failure challenge is answered with a single %x01.
        String error = "{\"status\":\"invalid_token\"}";
        assertEquals("\u0001", clear(bearer.respond(b64(error))));
        assertEquals(error, bearer.serverError().orElseThrow());
    }

    @Test
    void oauthBearerEscapesTheUserAndCanLeaveOutHostAndPort() {
        OAuthBearer bearer = new OAuthBearer("a,b=c", Secret.of("t"), null, 0);
        assertEquals("n,a=a=2Cb=3Dc,\u0001auth=Bearer t\u0001\u0001", clear(bearer.initialResponse()));
    }

    @Test
    void descriptionsNeverShowCredentials() {
        Secret secret = Secret.of("hunter2-horse");
        for (SaslMechanism m : new SaslMechanism[] {
            new Plain("u", "admin", secret),
            new Login("u", secret),
            new CramMd5("u", secret),
            new XOAuth2("u", secret),
            new OAuthBearer("u", secret, "h", 1)
        }) {
            Secrets.assertAbsent("a description", m.toString(), "u", "hunter2-horse");
        }
    }
}
