package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** COMPRESS=DEFLATE (RFC 4978) against Dovecot's imap_zlib: LIST and a body FETCH through the deflate stream. */
@DovecotTest
class DovecotCompressTest {
    private static final byte[] MESSAGE = ("From: a@example.org\r\nSubject: squeeze me\r\n\r\n"
                    + "line of text that compresses well\r\n".repeat(2000))
            .getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final DovecotExtension DOVECOT =
            DovecotExtension.builder().courierLike().compress(true).build();

    private static DovecotServer dovecot;

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        assumeTrue(dovecot.hasCompress(), "Dovecot's imap_zlib plugin is not installed");
        dovecot.addUser("carl", "pw");
        dovecot.deliver("carl", "INBOX", MESSAGE, Set.of("\\Seen"), Instant.parse("2020-01-02T03:04:05Z"));
    }

    @Test
    void listAndFetchThroughCompression() {
        TestEndpoint carl = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("carl", "pw")
                .compress(true)
                .trace();
        try (ImapSession session = connectors.connect(carl)) {
            assertNotNull(session.channel().pipeline().get("inflate"), "COMPRESS was not started");
            assertNotNull(session.channel().pipeline().get("deflate"));
            assertTrue(
                    connectors.trace().stream().anyMatch(l -> l.endsWith("C: A4 COMPRESS DEFLATE")),
                    connectors.trace().toString());
            List<ListData> folders = session.run(new ListMailboxes(List.of(), "", "*", List.of()))
                    .all(ListData.class);
            assertTrue(
                    folders.stream().anyMatch(f -> f.mailbox().equals(MailboxName.of("INBOX.Sent"))),
                    folders.toString());
            session.run(new Select(MailboxName.INBOX, true, false, null));
            assertArrayEquals(MESSAGE, BodyFetch.body(session, 1));
            assertTrue(session.has(Capability.COMPRESS_DEFLATE));
        }
    }

    @Test
    void notStartedWhenTurnedOff() {
        TestEndpoint carl = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("carl", "pw")
                .compress(false);
        try (ImapSession session = connectors.connect(carl)) {
            assertNull(session.channel().pipeline().get("inflate"));
            session.run(new Select(MailboxName.INBOX, true, false, null));
            assertEquals(MESSAGE.length, BodyFetch.body(session, 1).length);
        }
    }
}
