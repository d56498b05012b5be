package org.imapferry.engine.connection;

import static org.imapferry.engine.connection.FakeServers.decode;
import static org.imapferry.engine.connection.FakeServers.encode;
import static org.imapferry.engine.connection.FakeServers.lines;
import static org.imapferry.engine.connection.FakeServers.loggedOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SASL exchanges Dovecot cannot play here (OAuth, an administrator's PLAIN), as the wire carries them. */
class SaslExchangeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TOKEN = "ya29.t0ken-XYZ";

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    private static ImapScript greeting(String caps) {
        return new ImapScript().send("* OK [CAPABILITY IMAP4rev1 " + caps + "] fake ready");
    }

    private static TestEndpoint oauth(FakeImapServer server) {
        return TestEndpoint.at(server.host(), server.port())
                .login("alice@example.org", null)
                .oauthToken(TOKEN);
    }

    @Test
    void xoauth2WithSaslIr() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(greeting("SASL-IR AUTH=XOAUTH2")
                .expectLine("A1 AUTHENTICATE XOAUTH2 \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1] welcome")))) {
            connectors.connect(oauth(server)).close();
            server.awaitDone(WAIT);
            String command = lines(server.receivedText()).get(0);
            assertEquals(
                    "user=alice@example.org\u0001auth=Bearer " + TOKEN + "\u0001\u0001",
                    decode(command.substring("A1 AUTHENTICATE XOAUTH2 ".length())));
        }
    }

    @Test
    void xoauth2ErrorChallengeIsAnsweredWithAnEmptyLineThenFails() {
        String error = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}";
        try (FakeImapServer server = FakeImapServer.start(greeting("AUTH=XOAUTH2")
                .expectLine("A1 AUTHENTICATE XOAUTH2")
                .send("+ ")
                .expectLine("[A-Za-z0-9+/=]+")
                .send("+ " + encode(error))
                .expectLine("")
                .send("A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)"))) {
            AuthenticationFailedException e =
                    assertThrows(AuthenticationFailedException.class, () -> connectors.connect(oauth(server)));
            server.awaitDone(WAIT);
            assertTrue(
                    e.getMessage().contains("XOAUTH2") && e.getMessage().contains("Invalid credentials"),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("\"status\":\"401\""),
                    "the server's error status belongs in the message: " + e.getMessage());
            Secrets.assertNamesAccountWithoutPassword(e, "alice@example.org", "127.0.0.1", TOKEN);
            List<String> sent = lines(server.receivedText() + "\r\n");
            assertEquals("user=alice@example.org\u0001auth=Bearer " + TOKEN + "\u0001\u0001", decode(sent.get(1)));
            assertEquals(3, server.receivedText().split("\r\n", -1).length - 1, server.receivedText());
        }
    }

    @Test
    void oauthBearerWithSaslIr() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(greeting("SASL-IR AUTH=OAUTHBEARER")
                .expectLine("A1 AUTHENTICATE OAUTHBEARER \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1] welcome")))) {
            connectors.connect(oauth(server)).close();
            server.awaitDone(WAIT);
            String command = lines(server.receivedText()).get(0);
            assertEquals(
                    "n,a=alice@example.org,\u0001host=127.0.0.1\u0001port=" + server.port() + "\u0001auth=Bearer "
                            + TOKEN + "\u0001\u0001",
                    decode(command.substring("A1 AUTHENTICATE OAUTHBEARER ".length())));
        }
    }

    @Test
    void oauthBearerWithoutSaslIrAnswersTheEmptyChallenge() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(greeting("AUTH=OAUTHBEARER")
                .expectLine("A1 AUTHENTICATE OAUTHBEARER")
                .send("+ ")
                .expectLine("[A-Za-z0-9+/=]+")
                .send("A1 OK [CAPABILITY IMAP4rev1] welcome")))) {
            connectors.connect(oauth(server)).close();
            server.awaitDone(WAIT);
            assertTrue(decode(lines(server.receivedText()).get(1)).endsWith("auth=Bearer " + TOKEN + "\u0001\u0001"));
        }
    }

    @Test
    void oauthBearerErrorChallengeIsAnsweredWithCtrlA() {
        try (FakeImapServer server = FakeImapServer.start(greeting("SASL-IR AUTH=OAUTHBEARER")
                .expectLine("A1 AUTHENTICATE OAUTHBEARER \\S+")
                .send("+ " + encode("{\"status\":\"invalid_token\"}"))
                .expectLine("AQ==")
                .send("A1 NO [AUTHENTICATIONFAILED] token expired"))) {
            AuthenticationFailedException e =
                    assertThrows(AuthenticationFailedException.class, () -> connectors.connect(oauth(server)));
            server.awaitDone(WAIT);
            assertTrue(e.getMessage().contains("token expired"), e.getMessage());
            assertTrue(e.getMessage().contains("invalid_token"), e.getMessage());
            Secrets.assertNamesAccountWithoutPassword(e, "alice@example.org", "127.0.0.1", TOKEN);
        }
    }

    @Test
    void plainWithoutSaslIrSendsTheResponseAfterTheEmptyChallenge() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(greeting("AUTH=PLAIN")
                .expectLine("A1 AUTHENTICATE PLAIN")
                .send("+ ")
                .expectLine("[A-Za-z0-9+/=]+")
                .send("A1 OK [CAPABILITY IMAP4rev1] welcome")))) {
            connectors
                    .connect(TestEndpoint.at(server.host(), server.port()).login("alice", "pw 1"))
                    .close();
            server.awaitDone(WAIT);
            assertEquals("\0alice\0pw 1", decode(lines(server.receivedText()).get(1)));
        }
    }

    @Test
    void administratorLogsInWithPlainAndTheUserAsAuthorizationIdentity() {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(greeting("SASL-IR AUTH=PLAIN")
                .expectLine("A1 AUTHENTICATE PLAIN \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1] welcome")))) {
            connectors
                    .connect(TestEndpoint.at(server.host(), server.port())
                            .login("alice", "admin-pw")
                            .authUser("admin"))
                    .close();
            server.awaitDone(WAIT);
            String command = lines(server.receivedText()).get(0);
            assertEquals("alice\0admin\0admin-pw", decode(command.substring("A1 AUTHENTICATE PLAIN ".length())));
            assertFalse(server.receivedText().contains("LOGIN"), server.receivedText());
        }
    }
}
