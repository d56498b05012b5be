package org.imapferry.engine.testserver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GreenMailServerTest {

    @Test
    void greetsLogsInAndRefusesWrongPasswords() throws IOException {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("alice", "pw1");
            try (RawImap client = RawImap.connect(server.host(), server.port())) {
                assertTrue(client.greeting().startsWith("* OK"), client.greeting());
                assertTrue(client.status("LOGIN alice nope").startsWith("NO"));
                assertTrue(client.status("LOGIN alice pw1").startsWith("OK"));
            }
        }
    }

    @Test
    void deliveredMessagesKeepBytesFlagsAndDate() throws IOException {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("bob", "pw");
            server.createFolder("bob", "Archive");
            byte[] message = ("From: a@example.com\r\nSubject: hello\r\nMessage-ID: <1@example.com>\r\n\r\n"
                            + "body line\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            server.deliver("bob", "INBOX", message, Set.of("\\Seen", "$Label1"), Instant.parse("2016-03-12T10:20:30Z"));
            server.deliver("bob", "Archive.2016", message, Set.of(), Instant.parse("2016-03-12T10:20:30Z"));
            try (RawImap client = RawImap.connect(server.host(), server.port())) {
                assertTrue(client.status("LOGIN bob pw").startsWith("OK"));
                client.lines("SELECT INBOX");
                String fetch = String.join("\n", client.lines("FETCH 1 (FLAGS INTERNALDATE)"));
                assertTrue(fetch.contains("\\Seen") && fetch.contains("$Label1"), fetch);
                assertTrue(fetch.contains("12-Mar-2016 10:20:30 +0000"), fetch);
                // GreenMail 2.1.5 reports RFC822.SIZE as the body's size only; BODY[] has the whole message.
                String body = String.join("\r\n", client.lines("FETCH 1 BODY.PEEK[]"));
                assertTrue(
                        body.contains(
                                "BODY[] {" + message.length + "}\r\n" + new String(message, StandardCharsets.US_ASCII)),
                        body);
                String list = String.join("\n", client.lines("LIST \"\" \"*\""));
                assertTrue(list.contains("Archive.2016"), list);
            }
        }
    }
}
