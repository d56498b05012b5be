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

    @Test
    void aDayPastTheMonthsEndIsItsLastDay() {
        assertEquals(
                OffsetDateTime.of(2023, 2, 28, 12, 0, 0, 0, ZoneOffset.UTC),
                ImapDateTime.parse("31-Feb-2023 12:00:00 +0000").value());
        assertEquals(
                OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.UTC),
                ImapDateTime.parse("30-Feb-2024 12:00:00 +0000").value());
    }

    @Test
    void formatsWhatItParsesForEveryMonthAndOffsetSign() {
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int m = 0; m < 12; m++) {
            for (String zone : new String[] {"+0000", "-0000", "+1400", "-1200", "+0545", "-0930"}) {
                String text = String.format(
                        "%02d-%s-%04d %02d:%02d:%02d %s", m + 1, months[m], 1999 + m, m, 59 - m, m * 4, zone);
                String expected = zone.equals("-0000") ? text.replace("-0000", "+0000") : text;
                assertEquals(expected, ImapDateTime.parse(text).format(), text);
            }
        }
        assertEquals(
                "01-Jan-0001 00:00:00 +0000",
                ImapDateTime.parse("01-Jan-0001 00:00:00 +0000").format());
    }

    @Test
    void rejectsMalformedFields() {
        for (String bad : new String[] {
            "01-Jan-20x0 00:00:00 +0000",
            "01-Jan-2020 00:00:00 *0000",
            "01-Jan-2020T00:00:00 +0000",
            "00-Jan-2020 00:00:00 +0000",
            "01-Jan-2020 00:60:00 +0000",
            "01-Jan-2020 00:00:00 +2500",
            "01-Jan-2020 00:00:00 +00000"
        }) {
            assertThrows(IllegalArgumentException.class, () -> ImapDateTime.parse(bad), bad);
        }
    }
}
