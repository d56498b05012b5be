package org.imapferry.engine.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The skipping state machine gives the same digest however the message is cut into chunks. */
class MessageDigesterTest {
    private static final Set<String> DELIVERY =
            MessageDigester.names(List.of("Received", "Return-Path", "Delivered-To", "X-Original-To"));

    @Test
    void withoutSkippingEveryByteCountsWhateverTheChunks() throws Exception {
        byte[] m = bytes("Received: by mx\r\nFrom: a@example.com\r\n\r\nbody\r\n");
        assertEverySplit(m, Set.of(), sha256(m));
    }

    @Test
    void leadingDeliveryHeadersWithFoldedLinesAreSkippedAcrossChunkBoundaries() throws Exception {
        String rest = "From: a@example.com\r\nReceived: kept, not leading\r\nSubject: s\r\n\r\nbody\r\n";
        byte[] m = bytes("Received: from mx.example.com\r\n\tby mx2 with ESMTP;\r\n  Tue, 1 Mar 2022\r\n"
                + "RETURN-PATH: <a@example.com>\r\nDelivered-To: b@example.com\r\nX-Original-To : b\r\n" + rest);
        assertEverySplit(m, DELIVERY, sha256(bytes(rest)));
        assertNotEquals(sha256(bytes(rest)), digest(m, Set.of(), 7));
    }

    @Test
    void bareLineFeedsAndAMessageOfOnlySkippedHeadersWork() throws Exception {
        assertEverySplit(bytes("Received: x\n y\nFrom: a\n\nbody"), DELIVERY, sha256(bytes("From: a\n\nbody")));
        assertEverySplit(bytes("Received: x\r\n\r\nbody"), DELIVERY, sha256(bytes("\r\nbody")));
        assertEverySplit(bytes("Received: x\r\n"), DELIVERY, sha256(new byte[0]));
    }

    @Test
    void otherFieldsSimilarNamesAndLongOrUnterminatedFirstLinesCountWhole() throws Exception {
        for (String text : List.of(
                "Received-SPF: pass\r\nReceived: x\r\n\r\nb",
                "From: a\r\nReceived: x\r\n\r\nb",
                "x".repeat(MessageDigester.MAX_NAME + 20) + ": v\r\n\r\nb",
                "no colon here\r\n",
                "Receiv",
                "")) {
            byte[] m = bytes(text);
            assertEverySplit(m, DELIVERY, sha256(m));
        }
    }

    @Test
    void updateLeavesTheBufferUntouched() {
        ByteBuf buf = Unpooled.copiedBuffer("Received: x\r\nFrom: a\r\n", StandardCharsets.US_ASCII);
        try {
            buf.readerIndex(3);
            new MessageDigester(DELIVERY).update(buf);
            assertEquals(3, buf.readerIndex());
            assertEquals(22, buf.writerIndex());
        } finally {
            buf.release();
        }
    }

    /** Cuts the message at every pair of positions (three chunks, some empty). */
    private static void assertEverySplit(byte[] m, Set<String> skip, String expected) {
        for (int a = 0; a <= m.length; a++) {
            for (int b = a; b <= m.length; b++) {
                MessageDigester d = new MessageDigester(skip);
                feed(d, m, 0, a);
                feed(d, m, a, b);
                feed(d, m, b, m.length);
                assertEquals(
                        expected,
                        d.finish(),
                        "split at " + a + "/" + b + " of " + new String(m, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static String digest(byte[] m, Set<String> skip, int chunk) {
        MessageDigester d = new MessageDigester(skip);
        for (int i = 0; i < m.length; i += chunk) {
            feed(d, m, i, Math.min(m.length, i + chunk));
        }
        return d.finish();
    }

    private static void feed(MessageDigester d, byte[] m, int from, int to) {
        // A slice with a non-zero reader index, as the decoder's retained slices have.
        ByteBuf buf = Unpooled.buffer(to - from + 5);
        try {
            buf.writeBytes(new byte[5]).skipBytes(5).writeBytes(m, from, to - from);
            d.update(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String sha256(byte[] m) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(m));
    }
}
