package org.imapferry.cli;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Starts every line with an ISO 8601 timestamp to the millisecond, e.g.
 * {@code 2026-11-30T22:31:07.412+01:00}, taken when the line's first character is written: a
 * log read after a failure must say when each thing happened, and a status line printed every
 * five seconds is useless without it.
 */
final class TimestampedLines extends Writer {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final Writer out;
    private final Clock clock;
    private boolean lineStart = true;

    TimestampedLines(Writer out, Clock clock) {
        super(out);
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        synchronized (lock) {
            int at = off;
            int end = off + len;
            while (at < end) {
                if (lineStart) {
                    out.write(OffsetDateTime.now(clock).format(STAMP));
                    out.write(' ');
                    lineStart = false;
                }
                int stop = at;
                while (stop < end && chars[stop] != '\n') {
                    stop++;
                }
                if (stop < end) {
                    stop++;
                    lineStart = true;
                }
                out.write(chars, at, stop - at);
                at = stop;
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
