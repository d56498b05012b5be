package org.imapferry.engine.probe;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text message of an exact size, made up as it is written: any byte range can be produced
 * on its own, so a 1 MB message goes out in chunks and is never held whole. Lines end in CRLF,
 * the last one too, and no byte is NUL or a bare CR or LF (RFC 5322 §2.3).
 */
final class GeneratedMessage {
    /** The write phases' mix, repeated: many small messages, some medium, one large per 20. */
    static final List<Integer> MIX = mix();

    private static final int LINE = 78;
    private static final byte[] FILL = "imapferry probe filler: the quick brown fox jumps over the lazy dog 0123456789"
            .getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final byte[] header;
    private final long size;

    GeneratedMessage(String runId, int index, long size, ZonedDateTime date) {
        this.header = ("From: imapferry probe <probe@imapferry.invalid>\r\n"
                        + "To: imapferry probe <probe@imapferry.invalid>\r\n"
                        + "Subject: imapferry probe message " + index + "\r\n"
                        + "Date: " + DATE.format(date.withZoneSameInstant(ZoneOffset.UTC)) + "\r\n"
                        + "Message-ID: <" + runId + "." + index + "@imapferry.invalid>\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=us-ascii\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.size = Math.max(size, header.length + 2L);
    }

    private static List<Integer> mix() {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            sizes.add(2_000);
        }
        for (int i = 0; i < 5; i++) {
            sizes.add(75_000);
        }
        sizes.add(1_000_000);
        return List.copyOf(sizes);
    }

    long size() {
        return size;
    }

    /** Writes bytes {@code [offset, offset + length)} of the message into {@code out}. */
    void writeTo(ByteBuf out, long offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = byteAt(offset + i);
        }
        out.writeBytes(bytes);
    }

    private byte byteAt(long i) {
        if (i < header.length) {
            return header[(int) i];
        }
        if (i == size - 2) {
            return '\r';
        }
        if (i == size - 1) {
            return '\n';
        }
        long body = i - header.length;
        int column = (int) (body % LINE);
        // A line break that would leave a bare CR before the final CRLF becomes filler.
        if (column == LINE - 2 && i < size - 3) {
            return '\r';
        }
        if (column == LINE - 1 && i < size - 2 && i > header.length) {
            return byteAt(i - 1) == '\r' ? (byte) '\n' : FILL[0];
        }
        return FILL[column % FILL.length];
    }
}
