package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampedLinesTest {
    /** A clock that moves by 1.5 s each time it is read. */
    static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-11-30T22:31:07.412Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.ofHours(1);
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            Instant read = now;
            now = now.plus(Duration.ofMillis(1500));
            return read;
        }
    }

    @Test
    void eachLineIsStampedWhenItsFirstCharacterIsWritten() {
        StringWriter file = new StringWriter();
        PrintWriter log = new PrintWriter(new TimestampedLines(file, new Ticking()), true);
        log.print("Host1: ");
        log.println("a@b:993");
        log.print("two\nlines in one write\n");
        log.print("");
        log.flush();
        assertEquals(
                "2026-11-30T23:31:07.412+01:00 Host1: a@b:993\n"
                        + "2026-11-30T23:31:08.912+01:00 two\n"
                        + "2026-11-30T23:31:10.412+01:00 lines in one write\n",
                file.toString());
    }
}
