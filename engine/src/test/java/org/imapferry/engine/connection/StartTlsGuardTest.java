package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.imapferry.protocol.types.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where TLS starts, byte for byte, and what the guard refuses. */
class StartTlsGuardTest {
    private final AtomicInteger tlsStarted = new AtomicInteger();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(new StartTlsGuard(new Tag("A7"), tlsStarted::incrementAndGet, "imap.example.org:143"));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    /** What went on past the guard, as text. */
    private String passed() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf buf = channel.readInbound(); buf != null; buf = channel.readInbound()) {
            text.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return text.toString();
    }

    @Test
    void tlsStartsAtTheEndOfTheTaggedOkAndTheGuardLeaves() {
        receive("* OK [ALERT] A7 OK looks like a tag but is not\r\nA7 OK Begin TLS\r\n");
        assertEquals(1, tlsStarted.get());
        assertEquals("* OK [ALERT] A7 OK looks like a tag but is not\r\nA7 OK Begin TLS\r\n", passed());
        assertNull(channel.pipeline().get(StartTlsGuard.class));
    }

    @Test
    void aTaggedOkSplitOverReadsIsFound() {
        receive("A7 O");
        assertEquals(0, tlsStarted.get());
        receive("K Begin TLS\r");
        assertEquals(0, tlsStarted.get());
        receive("\n");
        assertEquals(1, tlsStarted.get());
        assertEquals("A7 OK Begin TLS\r\n", passed());
    }

    @Test
    void bytesAfterTheTaggedOkInTheSameReadAreRefusedAndNotPassedOn() {
        TlsFailedException e =
                assertThrows(TlsFailedException.class, () -> receive("A7 OK Begin TLS\r\n* CAPABILITY IMAP4rev1\r\n"));
        assertEquals(TlsFailedException.Reason.INJECTED_BEFORE_TLS, e.reason());
        assertEquals(
                "imap.example.org:143 sent 24 more bytes right after its STARTTLS OK, before TLS began; they may"
                        + " have been inserted by someone on the way (CVE-2011-0411), so the connection was closed",
                e.getMessage());
        assertEquals(0, tlsStarted.get());
        assertEquals("", passed());
    }

    @Test
    void aRefusalPassesOnWithoutTls() {
        receive("A7 NO [UNAVAILABLE] not now\r\n");
        assertEquals(0, tlsStarted.get());
        assertEquals("A7 NO [UNAVAILABLE] not now\r\n", passed());
        assertNull(channel.pipeline().get(StartTlsGuard.class));
    }
}
