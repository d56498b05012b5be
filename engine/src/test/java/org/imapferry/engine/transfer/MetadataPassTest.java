package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
import org.imapferry.engine.identity.HeaderFields;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** The metadata FETCH read answer by answer: what each message becomes, and what messages share. */
class MetadataPassTest {
    private static final List<String> IDENTITY = List.of("Message-ID", "Date", "From");

    private static String answer(int seq, long uid, String flags, String messageId) {
        String header = "Message-ID: " + messageId + "\r\n\r\n";
        return "* " + seq + " FETCH (UID " + uid + " FLAGS (" + flags + ") INTERNALDATE \"0" + seq
                + "-Jan-2020 10:00:00 +0100\" RFC822.SIZE " + (100 * seq)
                + " BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)] {"
                + header.getBytes(StandardCharsets.US_ASCII).length + "}\r\n" + header + ")";
    }

    @Test
    void eachAnswerBecomesItsMessageAndEqualFlagsAreOneList() {
        ImapScript script = new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1] fake ready")
                .expectLine("A1 LOGIN \\S+ \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1] logged in")
                .expectLine("A2 UID FETCH 3:\\* \\(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK\\[HEADER.FIELDS .*")
                .send(answer(1, 2, "\\Seen", "<old@x>"))
                .send(answer(2, 3, "\\Seen", "<a@x>"))
                .send(answer(3, 4, "\\Seen \\Flagged", "<b@x>"))
                .send(answer(4, 5, "\\Seen", "<c@x>"))
                .send("{tag} OK fetched")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
        EventLoopGroup group = Transport.best().newGroup(1);
        try (FakeImapServer server = FakeImapServer.start(script)) {
            ImapSession session = new ImapConnector(group, Transport.best())
                    .connect(Endpoint.plain(server.host(), server.port(), "alice", Secret.of("pw")));
            List<MessageMeta> messages = new MetadataPass(IDENTITY, false).fetchFrom(session, 4, 3);
            session.close();
            server.awaitDone(Duration.ofSeconds(10));

            assertEquals(
                    List.of(3L, 4L, 5L), messages.stream().map(MessageMeta::uid).toList(), "UID 2 is below 3");
            MessageMeta first = messages.get(0);
            assertEquals(2, first.sequenceNumber());
            assertEquals(200, first.size());
            assertEquals("02-Jan-2020 10:00:00 +0100", first.internalDate().format());
            assertEquals(
                    MessageKey.of(HeaderFields.parse("Message-ID: <a@x>\r\n"), IDENTITY, 200L, false), first.key());
            assertEquals(
                    List.of(new Flag("\\Seen"), new Flag("\\Flagged")),
                    messages.get(1).flags());
            assertSame(first.flags(), messages.get(2).flags(), "equal flags, one list");
            assertNotSame(first.flags(), messages.get(1).flags());
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
