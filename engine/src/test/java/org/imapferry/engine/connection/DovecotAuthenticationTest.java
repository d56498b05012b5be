package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.response.ListData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LOGIN and AUTHENTICATE PLAIN / CRAM-MD5 against a real Dovecot (it offers SASL-IR), and a refused password. */
@DovecotTest
class DovecotAuthenticationTest {
    static final String PASSWORD = "s3cret Pa55";
    static final String WRONG = "wr0ng-Pa55word";

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        // No anvil penalty socket: Dovecot then skips its growing per-IP delay after the failed logins tried here.
        dovecot = DOVECOT.server();
        dovecot.addUser("alice", PASSWORD);
    }

    private static TestEndpoint alice(String password) {
        return TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("alice", password)
                .trace();
    }

    /** Logged in for real: LIST answers with the user's folders. */
    private static void assertLoggedIn(ImapSession session) {
        List<ListData> folders =
                session.run(new ListMailboxes(List.of(), "", "*", List.of())).all(ListData.class);
        assertTrue(folders.stream().anyMatch(f -> f.mailbox().isInbox()), folders.toString());
    }

    private static List<String> clientLines() {
        return connectors.trace().stream()
                .filter(l -> l.contains(" C: "))
                .map(l -> l.substring(l.indexOf(" C: ") + 4))
                .toList();
    }

    @Test
    void loginCommand() {
        try (ImapSession session = connectors.connect(alice(PASSWORD).mechanism("LOGIN"))) {
            assertLoggedIn(session);
        }
        assertTrue(
                clientLines().contains("A1 LOGIN alice <redacted>"),
                clientLines().toString());
        assertFalse(
                connectors.trace().toString().contains("AUTHENTICATE"),
                connectors.trace().toString());
    }

    @Test
    void authenticatePlainUsesTheInitialResponseWhenSaslIrIsOffered() {
        try (ImapSession session = connectors.connect(alice(PASSWORD).mechanism("PLAIN"))) {
            assertLoggedIn(session);
        }
        assertTrue(
                clientLines().contains("A1 AUTHENTICATE PLAIN <redacted>"),
                clientLines().toString());
        assertFalse(
                connectors.trace().stream().anyMatch(l -> l.contains(" S: +")),
                connectors.trace().toString());
    }

    @Test
    void chosenAutomaticallyPlainIsPreferred() {
        try (ImapSession session = connectors.connect(alice(PASSWORD))) {
            assertLoggedIn(session);
        }
        assertTrue(
                clientLines().contains("A1 AUTHENTICATE PLAIN <redacted>"),
                clientLines().toString());
    }

    @Test
    void authenticateCramMd5AnswersTheChallenge() {
        try (ImapSession session = connectors.connect(alice(PASSWORD).mechanism("CRAM-MD5"))) {
            assertLoggedIn(session);
        }
        List<String> client = clientLines();
        assertEquals("A1 AUTHENTICATE CRAM-MD5", client.get(0), client.toString());
        assertEquals("<redacted>", client.get(1), client.toString());
        assertTrue(
                connectors.trace().stream().anyMatch(l -> l.contains(" S: + ")),
                connectors.trace().toString());
    }

    @Test
    void wrongPasswordNamesUserAndHostButNotThePassword() {
        for (String mechanism : new String[] {"LOGIN", "PLAIN", "CRAM-MD5"}) {
            AuthenticationFailedException e = assertThrows(
                    AuthenticationFailedException.class,
                    () -> connectors.connect(alice(WRONG).mechanism(mechanism)),
                    mechanism);
            Secrets.assertNamesAccountWithoutPassword(e, "alice", dovecot.host(), WRONG);
        }
    }
}
