package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImapTraceHandlerTest {
    private final List<String> lines = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ImapTraceHandler(lines::add));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    /** The server sends {@code text}, split into pieces of {@code chunk} bytes. */
    private void serverSends(String text, int chunk) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < all.length; i += chunk) {
            ByteBuf piece = Unpooled.wrappedBuffer(Arrays.copyOfRange(all, i, Math.min(all.length, i + chunk)));
            channel.writeInbound(piece);
            ByteBuf passed = channel.readInbound();
            assertSame(piece, passed, "the buffer must be passed on as is");
            assertEquals(0, passed.readerIndex());
            passed.release();
        }
    }

    private void clientSends(String text) {
        ByteBuf buf = bytes(text);
        channel.writeOutbound(buf);
        ByteBuf passed = channel.readOutbound();
        assertSame(buf, passed);
        assertEquals(text, passed.toString(StandardCharsets.UTF_8));
        passed.release();
    }

    @Test
    void linesArePrefixedByDirection() {
        serverSends("* OK [CAPABILITY IMAP4rev1] ready\r\n", 1000);
        clientSends("a1 CAPABILITY\r\n");
        serverSends("* CAPABILITY IMAP4rev1\r\na1 OK done\r\n", 1000);
        assertEquals(
                List.of(
                        "S: * OK [CAPABILITY IMAP4rev1] ready",
                        "C: a1 CAPABILITY",
                        "S: * CAPABILITY IMAP4rev1",
                        "S: a1 OK done"),
                lines);
    }

    @Test
    void literalsAreElidedAtAnySplit() {
        String body = "Subject: hi\r\n\r\n" + "x".repeat(5000) + "\r\n";
        String stream = "* 1 FETCH (UID 7 BODY[] {" + body.length() + "}\r\n" + body + " FLAGS (\\Seen))\r\n"
                + "a2 OK FETCH done\r\n";
        List<String> expected = List.of(
                "S: * 1 FETCH (UID 7 BODY[] {" + body.length() + "} <" + body.length() + " bytes> FLAGS (\\Seen))",
                "S: a2 OK FETCH done");
        for (int chunk : new int[] {1, 2, 3, 7, 100, 4096, 100_000}) {
            lines.clear();
            serverSends(stream, chunk);
            assertEquals(expected, lines, "chunk " + chunk);
        }
    }

    @Test
    void appendLiteralsAndBinaryLiteralsAreElided() {
        clientSends("a3 APPEND INBOX (\\Seen) {5+}\r\nHello (\\Draft) ~{3+}\r\nA\0B\r\n");
        serverSends("* 2 FETCH (BINARY[] ~{0}\r\n)\r\n", 5);
        assertEquals(
                List.of(
                        "C: a3 APPEND INBOX (\\Seen) {5+} <5 bytes> (\\Draft) ~{3+} <3 bytes>",
                        "S: * 2 FETCH (BINARY[] ~{0} <0 bytes>)"),
                lines);
    }

    @Test
    void loginPasswordIsRedacted() {
        clientSends("a1 LOGIN alice hunter2\r\n");
        clientSends("a2 LOGIN \"bob\" {7}\r\n");
        clientSends("hunter2\r\n");
        clientSends("a3 login {5}\r\nalice {7}\r\nhunter2\r\n");
        assertEquals(
                List.of("C: a1 LOGIN alice <redacted>", "C: a2 LOGIN \"bob\" <redacted>", "C: a3 LOGIN <redacted>"),
                lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains("hunter2")));
    }

    @Test
    void authenticateExchangeIsRedactedUntilTheTaggedAnswer() {
        clientSends("a1 AUTHENTICATE PLAIN AGFsaWNlAGh1bnRlcjI=\r\n");
        serverSends("a1 OK logged in\r\n", 3);
        clientSends("a2 AUTHENTICATE LOGIN\r\n");
        serverSends("+ VXNlcm5hbWU6\r\n", 100);
        clientSends("YWxpY2U=\r\n");
        serverSends("+ UGFzc3dvcmQ6\r\n", 100);
        clientSends("aHVudGVyMg==\r\n");
        serverSends("* CAPABILITY IMAP4rev1\r\na2 OK done\r\n", 100);
        clientSends("a3 NOOP\r\n");
        assertEquals(
                List.of(
                        "C: a1 AUTHENTICATE PLAIN <redacted>",
                        "S: a1 OK logged in",
                        "C: a2 AUTHENTICATE LOGIN",
                        "S: + VXNlcm5hbWU6",
                        "C: <redacted>",
                        "S: + UGFzc3dvcmQ6",
                        "C: <redacted>",
                        "S: * CAPABILITY IMAP4rev1",
                        "S: a2 OK done",
                        "C: a3 NOOP"),
                lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains("aHVudGVyMg") || l.contains("AGFsaWNl")));
    }

    @Test
    void longLinesAreCutButKeepTheirLiteral() {
        String set = "1,".repeat(2000) + "2";
        clientSends("a1 UID FETCH " + set + " (FLAGS)\r\n");
        serverSends("* 1 FETCH (X " + "y".repeat(3000) + " BODY[] {4}\r\nabcd)\r\n", 512);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("C: a1 UID FETCH 1,1,"), lines.get(0));
        assertTrue(lines.get(0).contains("more bytes>"), lines.get(0));
        assertTrue(lines.get(0).length() < ImapTraceHandler.MAX_SHOWN + 50, lines.get(0));
        assertTrue(lines.get(1).endsWith(" {4} <4 bytes>)"), lines.get(1));
    }

    @Test
    void closingMidLiteralLogsWhatArrived() {
        serverSends("* 1 FETCH (BODY[] {100}\r\n" + "z".repeat(40), 1000);
        clientSends("a9 LOGIN alice hunt");
        channel.close();
        assertEquals(
                List.of(
                        "C: a9 LOGIN alice <redacted> <closed before the end of the line>",
                        "S: * 1 FETCH (BODY[] {100} <100 bytes> <closed after 40 of 100 literal bytes>"),
                lines);
    }

    @Test
    void bracesInsideALineAreNotLiterals() {
        serverSends("* OK {not a literal} here\r\n* OK ends with {12x}\r\n", 1000);
        assertFalse(lines.isEmpty());
        assertEquals(List.of("S: * OK {not a literal} here", "S: * OK ends with {12x}"), lines);
    }
}
