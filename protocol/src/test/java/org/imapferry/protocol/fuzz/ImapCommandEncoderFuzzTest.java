package org.imapferry.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imapferry.protocol.ImapCommandEncoder;
import org.imapferry.protocol.ImapCommandParser;
import org.imapferry.protocol.types.Capabilities;

/**
 * Commands built from fuzz data ({@link FuzzedCommands}), encoded, and read back by the strict
 * {@link ImapCommandParser}, which refuses what a strict server would: an atom-special, a CTL or an
 * 8-bit byte in an unquoted string, a bad escape, a literal whose length is wrong. The encoder may
 * refuse a command with an {@link EncoderException} (a NUL, a string that needs a synchronizing
 * literal, an option that is no atom); whatever it writes must parse, and parse back to the very
 * command it was given. Any other outcome is a finding: the encoder is fixed and the input joins
 * {@code ImapCommandEncoderFuzzTestInputs/strictServerReadsWhatWasEncoded/} in the test resources,
 * which every build replays.
 *
 * <p>The first bytes choose the session: UTF8=ACCEPT or not, and which literal capabilities the
 * server announced (none, LITERAL+, LITERAL-, IMAP4rev2).
 */
class ImapCommandEncoderFuzzTest {
    private static final List<Capabilities> SERVERS = List.of(
            Capabilities.NONE,
            Capabilities.of(List.of("IMAP4rev1", "LITERAL+")),
            Capabilities.of(List.of("IMAP4rev1", "LITERAL-")),
            Capabilities.of(List.of("IMAP4rev2")));

    @FuzzTest(maxDuration = "4m")
    void strictServerReadsWhatWasEncoded(FuzzedDataProvider data) {
        boolean utf8 = data.consumeBoolean();
        Capabilities server = data.pickValue(SERVERS);
        FuzzedCommands commands;
        try {
            commands = FuzzedCommands.next(data);
        } catch (IllegalArgumentException refusedByTheRecords) {
            return;
        }
        byte[] wire = encode(commands.written(), utf8, server);
        if (wire == null) {
            return;
        }
        List<Object> parsed;
        try {
            parsed = new ImapCommandParser(wire, utf8).parse();
        } catch (RuntimeException e) {
            throw new AssertionError(
                    "a strict server cannot read what the encoder wrote for " + commands.expected() + ": "
                            + e.getMessage(),
                    e);
        }
        assertEquals(commands.expected(), withBodies(parsed), () -> "read back from " + visible(wire));
    }

    /** The bytes the encoder wrote for all parts, or null if it refused one (then nothing counts). */
    private static byte[] encode(List<Object> parts, boolean utf8, Capabilities server) {
        ImapCommandEncoder encoder = new ImapCommandEncoder();
        encoder.setUtf8Accepted(utf8);
        encoder.setLiteralCapabilities(server);
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        ByteBuf all = Unpooled.buffer();
        try {
            for (int i = 0; i < parts.size(); i++) {
                try {
                    channel.writeOutbound(parts.get(i));
                } catch (EncoderException refused) {
                    // The encoder released the refused part; the rest were never written.
                    parts.subList(i + 1, parts.size()).forEach(ReferenceCountUtil::release);
                    return null;
                }
                for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
                    all.writeBytes(buf);
                    buf.release();
                }
            }
            assertFalse(channel.finish(), "the encoder held something back");
            byte[] bytes = new byte[all.readableBytes()];
            all.readBytes(bytes);
            return bytes;
        } finally {
            all.release();
            channel.finishAndReleaseAll();
        }
    }

    private static List<Object> withBodies(List<Object> parsed) {
        List<Object> out = new ArrayList<>();
        for (Object part : parsed) {
            out.add(part instanceof byte[] bytes ? FuzzedCommands.body(bytes) : part);
        }
        return out;
    }

    /** Shows a wire form in a failure message: CR and LF made visible. */
    private static String visible(byte[] wire) {
        return new String(wire, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n");
    }
}
