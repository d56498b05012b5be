package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.imapferry.protocol.types.Tag;
import org.junit.jupiter.api.Test;

/** The codec's outbound side and its settings; the decoder has its own tests. */
class ImapClientCodecTest {
    @Test
    void settingsReachTheEncoder() {
        ImapClientCodec codec = new ImapClientCodec();
        EmbeddedChannel channel = new EmbeddedChannel(codec);
        assertFalse(codec.isUtf8Accepted());
        assertEquals(Capabilities.NONE, codec.literalCapabilities());

        Capabilities caps = Capabilities.of(List.of("IMAP4rev1", "LITERAL+"));
        codec.setLiteralCapabilities(caps);
        codec.setUtf8Accepted(true);
        assertTrue(codec.isUtf8Accepted());
        assertEquals(caps, codec.literalCapabilities());

        channel.writeOutbound(
                new TaggedCommand(new Tag("A1"), ImapCommands.select(MailboxName.of("台北"))),
                new TaggedCommand(new Tag("A2"), ImapCommands.login("joe", Secret.of("a\nb"))));
        assertEquals("A1 SELECT \"台北\"\r\nA2 LOGIN joe {3+}\r\na\nb\r\n", read(channel));
        assertFalse(channel.finish());
    }

    private static String read(EmbeddedChannel channel) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            sb.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return sb.toString();
    }
}
