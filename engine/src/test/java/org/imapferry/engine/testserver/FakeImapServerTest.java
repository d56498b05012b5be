package org.imapferry.engine.testserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeImapServerTest {

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void capturesTagsAndReportsWhereAnUnfinishedScriptWaits() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK fake ready")
                .expectLine("\\S+ LOGIN alice \\S+")
                .send("{tag} OK logged in")
                .expectLine("\\S+ APPEND INBOX \\{5}")
                .send("+ go ahead")
                .expectLiteral(5)
                .expectLine("")
                .send("{tag} OK [APPENDUID 1 1] appended")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE")
                .send("{tag} OK bye")
                .close())) {
            try (RawImap client = RawImap.connect(server.host(), server.port())) {
                assertEquals("* OK fake ready", client.greeting());
                assertEquals("OK logged in", client.status("LOGIN alice secret"));
                AssertionError e = assertThrows(AssertionError.class, () -> server.awaitDone(Duration.ofMillis(200)));
                assertTrue(e.getMessage().contains("still waiting at step 4 expectLine(\\S+ APPEND"), e.getMessage());
            }
        }
    }

    @Test
    void connectionsPastTheScriptsAreClosedOrPlayTheLastAgain() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript().send("* OK first"))) {
            try (RawImap first = RawImap.connect(server.host(), server.port())) {
                assertEquals("* OK first", first.greeting());
            }
            try (Socket second = new Socket(server.host(), server.port())) {
                assertEquals(-1, second.getInputStream().read(), "closed without a greeting");
            }
        }
        try (FakeImapServer server = FakeImapServer.startRepeatingLast(
                new ImapScript().send("* OK first"), new ImapScript().send("* OK again"))) {
            for (String greeting : new String[] {"* OK first", "* OK again", "* OK again", "* OK again"}) {
                try (RawImap client = RawImap.connect(server.host(), server.port())) {
                    assertEquals(greeting, client.greeting());
                }
            }
            server.awaitDone(Duration.ofSeconds(5));
            assertEquals(4, server.connections());
        }
    }

    @Test
    void appendWithSynchronizingLiteral() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript()
                .send("* OK fake ready")
                .expectLine("\\S+ APPEND INBOX \\{5}")
                .send("+ go ahead")
                .expectLiteral(5)
                .expectLine("")
                .send("{tag} OK appended")
                .close())) {
            try (Socket socket = new Socket(server.host(), server.port())) {
                InputStream in = socket.getInputStream();
                write(socket, "a7 APPEND INBOX {5}\r\n");
                write(socket, "Hello\r\n");
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("* OK fake ready\r\n+ go ahead\r\na7 OK appended\r\n", answer);
            }
            server.awaitDone(Duration.ofSeconds(5));
            assertEquals("a7 APPEND INBOX {5}\r\nHello\r\n", server.receivedText());
        }
    }

    @Test
    void mismatchFailsWithExpectedAndReceived() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(
                new ImapScript().send("* OK ready").expectLine("\\S+ LOGIN .*").send("{tag} OK"))) {
            try (RawImap client = RawImap.connect(server.host(), server.port())) {
                assertThrows(UncheckedIOException.class, () -> client.lines("NOOP"));
            }
            AssertionError e = assertThrows(AssertionError.class, () -> server.awaitDone(Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("LOGIN") && e.getMessage().contains("r1 NOOP"), e.getMessage());
        }
    }

    @Test
    void dropsTheConnectionMidLiteralAndServesSuccessiveConnections() throws IOException {
        byte[] part = "Subject: x\r\n\r\nhalf".getBytes(StandardCharsets.US_ASCII);
        try (FakeImapServer server = FakeImapServer.start(
                new ImapScript()
                        .send("* OK one")
                        .expectLine("\\S+ UID FETCH .*")
                        .send("* 1 FETCH (UID 1 BODY[] {100}")
                        .sendRaw(part)
                        .pause(Duration.ofMillis(20))
                        .close(),
                new ImapScript().send("* OK two").close())) {
            try (Socket socket = new Socket(server.host(), server.port())) {
                write(socket, "f1 UID FETCH 1 BODY.PEEK[]\r\n");
                byte[] all = socket.getInputStream().readAllBytes();
                String expected = "* OK one\r\n* 1 FETCH (UID 1 BODY[] {100}\r\nSubject: x\r\n\r\nhalf";
                assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), all);
            }
            try (RawImap second = RawImap.connect(server.host(), server.port())) {
                assertEquals("* OK two", second.greeting());
            }
            server.awaitDone(Duration.ofSeconds(5));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void missingConnectionIsReported() {
        try (FakeImapServer server = FakeImapServer.start(new ImapScript().send("* OK"))) {
            AssertionError e = assertThrows(AssertionError.class, () -> server.awaitDone(Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("no connection #1"), e.getMessage());
        }
    }
}
