package org.imapferry.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ImapDateTimeTest {
    @Test
    void parsesTheUsualForm() {
        ImapDateTime d = ImapDateTime.parse("17-Jul-1996 02:44:25 -0700");
        assertEquals(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)), d.value());
        assertEquals("17-Jul-1996 02:44:25 -0700", d.format());
    }

    @Test
    void parsesSpacePaddedAndOneDigitDays() {
        OffsetDateTime expected = OffsetDateTime.of(2016, 3, 2, 10, 0, 0, 0, ZoneOffset.ofHours(1));
        assertEquals(expected, ImapDateTime.parse(" 2-Mar-2016 10:00:00 +0100").value());
        assertEquals(expected, ImapDateTime.parse("2-Mar-2016 10:00:00 +0100").value());
        assertEquals(expected, ImapDateTime.parse("02-Mar-2016 10:00:00 +0100").value());
        assertEquals(
                "02-Mar-2016 10:00:00 +0100",
                ImapDateTime.parse(" 2-Mar-2016 10:00:00 +0100").format());
    }

    @Test
    void monthNamesIgnoreCase() {
        OffsetDateTime expected = OffsetDateTime.of(2020, 1, 31, 23, 59, 59, 0, ZoneOffset.UTC);
        for (String month : new String[] {"Jan", "JAN", "jan", "jAN"}) {
            assertEquals(
                    expected,
                    ImapDateTime.parse("31-" + month + "-2020 23:59:59 +0000").value(),
                    month);
        }
    }

    @Test
    void keepsTheOffsetAndDropsNanos() {
        ImapDateTime d =
                new ImapDateTime(OffsetDateTime.of(2016, 12, 31, 23, 0, 0, 123, ZoneOffset.ofHoursMinutes(5, 30)));
        assertEquals("31-Dec-2016 23:00:00 +0530", d.format());
        assertEquals(d, ImapDateTime.parse(d.format()));
        assertEquals(
                "01-Jan-1970 00:00:00 +0000", ImapDateTime.ofUtc(Instant.EPOCH).format());
    }

    @Test
    void rejectsGarbage() {
        for (String bad : new String[] {
            "",
            "yesterday",
            "32-Jan-2020 00:00:00 +0000",
            "01-Foo-2020 00:00:00 +0000",
            "01-Jan-2020 00:00:00",
            "01-Jan-2020 25:00:00 +0000"
        }) {
            assertThrows(IllegalArgumentException.class, () -> ImapDateTime.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new ImapDateTime(null));
    }
}
