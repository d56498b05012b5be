package org.imapferry.protocol.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imapferry.protocol.ImapCommandEncoder;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.imapferry.protocol.types.SequenceSet;
import org.imapferry.protocol.types.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each factory the engine uses puts on the wire what the RFC wants for it. */
class ImapCommandsTest {
    static List<Arguments> factories() {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("name", "imapferry");
        id.put("version", "0.1");
        return List.of(
                Arguments.of(ImapCommands.authenticate("PLAIN", null), "A1 AUTHENTICATE PLAIN\r\n"),
                Arguments.of(
                        ImapCommands.authenticate("PLAIN", Secret.of("AGpvZQBzM2NyZXQ=")),
                        "A1 AUTHENTICATE PLAIN AGpvZQBzM2NyZXQ=\r\n"),
                Arguments.of(ImapCommands.startTls(), "A1 STARTTLS\r\n"),
                Arguments.of(ImapCommands.compressDeflate(), "A1 COMPRESS DEFLATE\r\n"),
                Arguments.of(ImapCommands.enable("CONDSTORE"), "A1 ENABLE CONDSTORE\r\n"),
                Arguments.of(ImapCommands.id(id), "A1 ID (\"name\" \"imapferry\" \"version\" \"0.1\")\r\n"),
                Arguments.of(ImapCommands.id(Map.of()), "A1 ID NIL\r\n"),
                Arguments.of(ImapCommands.namespace(), "A1 NAMESPACE\r\n"),
                Arguments.of(
                        ImapCommands.list("", "*", List.of("SUBSCRIBED", "SPECIAL-USE")),
                        "A1 LIST \"\" * RETURN (SUBSCRIBED SPECIAL-USE)\r\n"),
                Arguments.of(ImapCommands.list("", "*", List.of()), "A1 LIST \"\" *\r\n"),
                Arguments.of(ImapCommands.lsub("", "*"), "A1 LSUB \"\" *\r\n"),
                Arguments.of(
                        ImapCommands.status(MailboxName.of("Sent"), List.of("MESSAGES", "HIGHESTMODSEQ")),
                        "A1 STATUS Sent (MESSAGES HIGHESTMODSEQ)\r\n"),
                Arguments.of(
                        ImapCommands.uidFetchChangedSince(SequenceSet.of(1, 40), 7, "UID", "FLAGS"),
                        "A1 UID FETCH 1:40 (UID FLAGS) (CHANGEDSINCE 7)\r\n"),
                Arguments.of(ImapCommands.uidSearch("DELETED"), "A1 UID SEARCH DELETED\r\n"),
                Arguments.of(ImapCommands.create(MailboxName.of("Archive/2024")), "A1 CREATE Archive/2024\r\n"),
                Arguments.of(ImapCommands.delete(MailboxName.of("Old")), "A1 DELETE Old\r\n"),
                Arguments.of(ImapCommands.expunge(), "A1 EXPUNGE\r\n"),
                Arguments.of(ImapCommands.uidExpunge(SequenceSet.of(List.of(3L, 4L, 9L))), "A1 UID EXPUNGE 3:4,9\r\n"));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void encodes(ImapCommand command, String expected) {
        EmbeddedChannel channel = new EmbeddedChannel(new ImapCommandEncoder());
        assertTrue(channel.writeOutbound(new TaggedCommand(new Tag("A1"), command)));
        StringBuilder wire = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            wire.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        assertFalse(channel.finish());
        assertEquals(expected, wire.toString());
    }
}
