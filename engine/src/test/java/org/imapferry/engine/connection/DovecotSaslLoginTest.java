package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * AUTHENTICATE LOGIN against a real Dovecot. The engine uses the SASL LOGIN mechanism only where the
 * LOGIN command is disabled, so this Dovecot announces LOGINDISABLED (on loopback it would not).
 */
@DovecotTest
class DovecotSaslLoginTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.builder()
            .extraConfig("imap_capability = +LOGINDISABLED\n")
            .build();

    private static DovecotServer dovecot;

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUser("bob", "b0b's password");
    }

    @Test
    void authenticateLoginAnswersUserThenPasswordPrompt() {
        TestEndpoint bob = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("bob", "b0b's password")
                .mechanism("LOGIN")
                .trace();
        try (ImapSession session = connectors.connect(bob)) {
            List<ListData> folders = session.run(new ListMailboxes(List.of(), "", "*", List.of()))
                    .all(ListData.class);
            assertTrue(folders.stream().anyMatch(f -> f.mailbox().isInbox()), folders.toString());
        }
        List<String> client = connectors.trace().stream()
                .filter(l -> l.contains(" C: "))
                .map(l -> l.substring(l.indexOf(" C: ") + 4))
                .toList();
        assertEquals(List.of("A1 AUTHENTICATE LOGIN", "<redacted>", "<redacted>"), client.subList(0, 3));
        assertEquals(
                2,
                connectors.trace().stream().filter(l -> l.contains(" S: + ")).count(),
                connectors.trace().toString());
    }

    @Test
    void wrongPassword() {
        TestEndpoint bob = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("bob", "not-b0bs-pw")
                .mechanism("LOGIN");
        AuthenticationFailedException e =
                assertThrows(AuthenticationFailedException.class, () -> connectors.connect(bob));
        Secrets.assertNamesAccountWithoutPassword(e, "bob", dovecot.host(), "not-b0bs-pw");
        assertTrue(e.getMessage().contains("LOGIN"), e.getMessage());
    }
}
