package org.imapferry.engine.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test client against scripted answers: what it reads from literals, and what its errors show. */
class RawImapTest {
    private static final String PASSWORD = "s3cret pw";

    private static ImapScript loggedIn() {
        return new ImapScript()
                .send("* OK ready")
                .expectLine("\\S+ LOGIN \"alice\" \"s3cret pw\"")
                .send("{tag} OK logged in");
    }

    @Test
    void messagesAreToldApartByTheirUnfoldedMessageIdAndLowerCaseFlags() {
        String folded = "Message-ID:\r\n <folded@x>\r\n\r\n";
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("\\S+ EXAMINE \"Sent\"")
                .send("* 2 EXISTS")
                .send("{tag} OK [READ-ONLY] examined")
                .expectLine("\\S+ UID FETCH 1:\\* \\(UID FLAGS BODY\\.PEEK\\[HEADER\\.FIELDS \\(MESSAGE-ID\\)]\\)")
                .send("* 2 FETCH (UID 9 FLAGS () BODY[HEADER.FIELDS (MESSAGE-ID)] {2}")
                .sendRaw("\r\n)\r\n".getBytes(StandardCharsets.US_ASCII))
                .send("* 1 FETCH (UID 7 FLAGS (\\Seen \\Recent $Work) BODY[HEADER.FIELDS (MESSAGE-ID)] {"
                        + folded.length() + "}")
                .sendRaw((folded + ")\r\n").getBytes(StandardCharsets.US_ASCII))
                .send("{tag} OK fetched")
                .expectLine("\\S+ CLOSE")
                .send("{tag} OK closed")
                .expectLine("\\S+ LOGOUT")
                .close())) {
            try (RawImap imap = RawImap.login(server.host(), server.port(), "alice", PASSWORD)) {
                assertEquals(
                        List.of(
                                new RawImap.Summary(7, "<folded@x>", Set.of("\\seen", "$work")),
                                new RawImap.Summary(9, "", Set.of())),
                        imap.messages("Sent"));
            }
            server.awaitDone(Duration.ofSeconds(5));
        }
    }

    @Test
    void linesKeepAShortLiteralWhereTheWireHadIt() {
        try (FakeImapServer server = FakeImapServer.start(loggedIn()
                .expectLine("\\S+ FETCH 1 BODY\\.PEEK\\[]")
                .send("* 1 FETCH (BODY[] {4}")
                .sendRaw("ab\r\n)\r\n".getBytes(StandardCharsets.US_ASCII))
                .send("{tag} NO not today")
                .close())) {
            try (RawImap imap = RawImap.login(server.host(), server.port(), "alice", PASSWORD)) {
                assertEquals(
                        List.of("* 1 FETCH (BODY[] {4}\r\nab\r\n)", "r2 NO not today"),
                        imap.lines("FETCH 1 BODY.PEEK[]"));
            }
        }
    }

    @Test
    void aRefusedLoginFailsWithTheServersAnswerButNeverThePassword() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK ready")
                .expectLine("\\S+ LOGIN .*")
                .send("{tag} NO [AUTHENTICATIONFAILED] wrong password")
                .close())) {
            UncheckedIOException e = assertThrows(
                    UncheckedIOException.class, () -> RawImap.login(server.host(), server.port(), "alice", PASSWORD));
            String shown = e.getMessage() + " / " + e.getCause().getMessage();
            assertTrue(shown.contains("LOGIN -> r1 NO [AUTHENTICATIONFAILED]"), shown);
            assertFalse(shown.contains("s3cret"), shown);
        }
    }
}
