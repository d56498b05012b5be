package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.MalformedResponse;
import org.imapferry.protocol.types.Flag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile or broken server sends, at the codec: the decoder holds no more than its limits
 * whatever a server announces or withholds, and one bad item does not cost a whole response.
 * Literals that end early are {@code ConnectionFailureTest} (closed) and {@code HostileSessionTest}
 * (stalled); a malformed literal length, {@code ImapResponseDecoderTest#badLiteralLength}.
 */
class HostileResponsesTest {
    private static final ImapDecoderLimits LIMITS = ImapDecoderLimits.DEFAULT;

    /** What came out of the decoder, chunks released as they are read. */
    private record Output(
            List<Object> events,
            long literalBytes,
            int largestChunk,
            boolean lastChunk,
            ImapFramingException failure) {}

    /** Writes the pieces in turn, stopping at a framing error; the channel is finished at the end. */
    private static Output feed(byte[]... pieces) {
        EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder(LIMITS));
        List<Object> events = new ArrayList<>();
        long literalBytes = 0;
        int largest = 0;
        boolean last = false;
        ImapFramingException failure = null;
        for (byte[] piece : pieces) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(piece));
            } catch (ImapFramingException e) {
                failure = e;
            }
            for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
                if (msg instanceof LiteralChunk chunk) {
                    int n = chunk.content().readableBytes();
                    literalBytes += n;
                    largest = Math.max(largest, n);
                    last |= chunk instanceof LastLiteralChunk;
                    ReferenceCountUtil.release(chunk);
                } else {
                    events.add(msg);
                }
            }
            if (failure != null) {
                break;
            }
        }
        assertFalse(channel.finish(), "nothing comes out when the connection ends");
        return new Output(events, literalBytes, largest, last, failure);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    // Case 2: an absurd literal length on a body is streamed, never buffered; the 64-bit length is
    // kept exactly (2^31 must not wrap to a negative int).
    @ParameterizedTest
    @ValueSource(longs = {99_999_999_999_999L, 2_147_483_648L})
    void anAbsurdBodyLiteralIsStreamedInBoundedChunksWithItsLengthIntact(long announced) {
        byte[] piece = filled(256 * 1024);
        Output out = feed(ascii("* 1 FETCH (UID 7 BODY[] {" + announced + "}\r\n"), piece, piece, piece, piece);
        assertNull(out.failure());
        BodySectionStart start =
                assertInstanceOf(BodySectionStart.class, out.events().get(0));
        assertEquals(announced, start.length());
        assertEquals(4L * piece.length, out.literalBytes(), "every byte that arrived went on at once");
        assertTrue(out.largestChunk() <= LIMITS.maxChunkSize(), "chunk of " + out.largestChunk());
        assertFalse(out.lastChunk(), "a literal that never ended is not reported complete");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999", "2147483648"})
    void anAbsurdLiteralOutsideABodyIsAFramingErrorBeforeAnyByteIsHeld(String announced) {
        Output out = feed(ascii("* LIST () \"/\" {" + announced + "}\r\n"), filled(64 * 1024));
        assertTrue(
                out.failure()
                        .getMessage()
                        .contains("literal of " + announced + " bytes, larger than " + LIMITS.maxInlineLiteral()
                                + " and not a body section"),
                out.failure().getMessage());
        assertEquals(14, out.failure().streamOffset());
        assertTrue(out.events().isEmpty(), out.events()::toString);
    }

    @Test
    void anAbsurdHeaderLiteralIsStreamedLikeABody() {
        Output out = feed(ascii("* 1 FETCH (BODY[HEADER.FIELDS (MESSAGE-ID)] {2147483648}\r\n"), filled(100_000));
        assertNull(out.failure());
        assertEquals(
                2_147_483_648L,
                assertInstanceOf(BodySectionStart.class, out.events().get(0)).length());
        assertEquals(100_000, out.literalBytes());
    }

    // Case 3: megabytes without CRLF. The error comes at the first read past the line limit, so the
    // decoder never held more than the limit and one read; what follows is dropped unread.
    @Test
    void anEndlessLineFailsAtTheLineLimitAndLaterBytesAreNotHeld() {
        byte[] piece = filled(16 * 1024);
        byte[][] pieces = new byte[256][];
        pieces[0] = ascii("* OK ");
        Arrays.fill(pieces, 1, pieces.length, piece);
        Output out = feed(pieces);
        assertTrue(out.failure().getMessage().contains("line"), out.failure().getMessage());
        assertEquals(0, out.failure().streamOffset());
        assertTrue(out.events().isEmpty(), out.events()::toString);

        EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder(LIMITS));
        long written = 0;
        ImapFramingException failure = null;
        while (failure == null && written < 8L * 1024 * 1024) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(piece));
            } catch (ImapFramingException e) {
                failure = e;
            }
            written += piece.length;
        }
        assertTrue(written <= LIMITS.maxLineLength() + piece.length, written + " bytes read before the error");
        assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(ascii("\r\n* 1 EXISTS\r\n"))));
        assertFalse(channel.finish());
    }

    @Test
    void anEndlessLineInsideAResponseAfterALiteralFailsToo() {
        byte[] header = ascii("* LIST () \"/\" {3}\r\nabc");
        byte[] piece = filled(LIMITS.maxLineLength() + 2);
        Output out = feed(header, piece);
        assertTrue(out.failure().getMessage().contains("line"), out.failure().getMessage());
    }

    // Case 4: names that are not modified UTF-7 (RFC 3501 §5.1.3) are kept as the server sent them,
    // and the LIST around them goes on.
    @ParameterizedTest
    @ValueSource(strings = {"Foo&Bar", "&Jjo", "A&AGE=-", "A&AG/-", "&2D3-", "&-&", "Stray&"})
    void aMailboxNameThatIsNotModifiedUtf7IsKeptAsSent(String wire) {
        Output out = feed(ascii("* LIST (\\HasNoChildren) \"/\" \"" + wire + "\"\r\n* LIST () \"/\" INBOX\r\n"));
        assertNull(out.failure());
        assertEquals(2, out.events().size(), out.events()::toString);
        assertEquals(
                wire,
                assertInstanceOf(ListData.class, out.events().get(0)).mailbox().name());
        assertEquals(
                "INBOX",
                assertInstanceOf(ListData.class, out.events().get(1)).mailbox().name());
    }

    @Test
    void escapedAmpersandsAndValidRunsDecode() {
        Output out = feed(ascii("* LIST () \"/\" \"&-&-R&AOk-sum&AOk-\"\r\n"));
        assertEquals(
                "&&Résumé",
                assertInstanceOf(ListData.class, out.events().get(0)).mailbox().name());
    }

    // Case 6: a FETCH whose FLAGS hold items no flag may spell keeps its UID and its real flags;
    // the others are named, printable, and left out.
    @Test
    void flagsWithInvalidCharactersCostOnlyThemselves() {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(ascii("* 3 FETCH (UID 42 FLAGS (\\Seen( \\Answered % * $Ok \u0001bad "));
        response.writeBytes("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        response.writeBytes(ascii(" \\) RFC822.SIZE 120)\r\n"));
        Output out = feed(response.toByteArray());
        assertNull(out.failure());
        FetchData fetch = assertInstanceOf(FetchData.class, out.events().get(0));
        assertEquals(42L, fetch.uid());
        assertEquals(120L, fetch.rfc822Size());
        assertEquals(List.of(Flag.ANSWERED, new Flag("$Ok")), fetch.flags());
        assertEquals("\\Seen( % * \\x01bad caf\\xC3\\xA9 \\", fetch.notFlags());
    }

    @Test
    void validFlagsLeaveNothingOut() {
        Output out = feed(ascii("* 1 FETCH (FLAGS (\\Seen $Forwarded \\Recent) UID 1)\r\n"));
        FetchData fetch = assertInstanceOf(FetchData.class, out.events().get(0));
        assertEquals(List.of(Flag.SEEN, new Flag("$Forwarded"), Flag.RECENT), fetch.flags());
        assertNull(fetch.notFlags());
    }

    @Test
    void aFlagListThatNeverEndsIsStillMalformed() {
        Output out = feed(ascii("* 1 FETCH (UID 1 FLAGS (\\Seen\r\n"));
        assertInstanceOf(MalformedResponse.class, out.events().get(0));
    }
}
