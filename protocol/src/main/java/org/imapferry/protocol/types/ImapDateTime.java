package org.imapferry.protocol.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An INTERNALDATE.
 *
 * <pre>
 * date-time  = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
 * date-day-fixed = (SP DIGIT) / 2DIGIT
 * zone       = ("+" / "-") 4DIGIT
 * </pre>
 * (RFC 3501 §9). The offset is kept as the server gave it, so an APPEND carries the same
 * wall-clock time and zone as the source. Held as seconds and an offset rather than an
 * OffsetDateTime, whose four objects cost 112 bytes: a plan holds one of these for every message of
 * a folder on both sides, 300,000 of them in a large INBOX.
 *
 * @param epochSecond   the instant, in seconds since 1970-01-01T00:00:00Z
 * @param offsetSeconds the server's zone offset
 */
public record ImapDateTime(long epochSecond, int offsetSeconds) {
    /** For years a date-year cannot hold (before 1 or after 9999); the fields below do the rest. */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss xx", Locale.ROOT);

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    /** {@code dd-Mon-yyyy HH:mm:ss +zzzz}, once a one-digit day has its zero. */
    private static final int LENGTH = 26;
    /** ZoneOffset's range, ±18:00. */
    private static final int MAX_OFFSET = 18 * 3600;

    public ImapDateTime {
        if (Math.abs(offsetSeconds) > MAX_OFFSET) {
            throw new IllegalArgumentException("no zone is " + offsetSeconds + " seconds from UTC");
        }
    }

    /** The date-time to the second (a fraction is dropped), at its own offset. */
    public ImapDateTime(OffsetDateTime value) {
        this(epochSecondOf(value), value.getOffset().getTotalSeconds());
    }

    private static long epochSecondOf(OffsetDateTime value) {
        if (value == null) {
            throw new IllegalArgumentException("a date-time must not be null");
        }
        return value.toEpochSecond();
    }

    /** As the server gave it: its instant at its offset. */
    public OffsetDateTime value() {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.ofTotalSeconds(offsetSeconds));
    }

    /**
     * Parses the text between the quotes; a leading space or a one-digit day is accepted, and month
     * names in any case ("JAN" from some servers). Read field by field at fixed places: every
     * message's INTERNALDATE on both sides passes here, and a DateTimeFormatter costs a copy of
     * many small messages a few percent of its CPU. As a lenient formatter does, a day past the
     * month's end (31-Feb) is taken as its last day.
     */
    public static ImapDateTime parse(String text) {
        String t = text.strip();
        if (t.length() > 1 && t.charAt(1) == '-') {
            t = "0" + t;
        }
        if (t.length() != LENGTH
                || t.charAt(2) != '-'
                || t.charAt(6) != '-'
                || t.charAt(11) != ' '
                || t.charAt(14) != ':'
                || t.charAt(17) != ':'
                || t.charAt(20) != ' '
                || (t.charAt(21) != '+' && t.charAt(21) != '-')) {
            throw notADateTime(text, null);
        }
        try {
            int month = month(t, text);
            int year = digits(t, 7, 4, text);
            int day = digits(t, 0, 2, text);
            if (day < 1 || day > 31) {
                throw notADateTime(text, null);
            }
            int offset = (digits(t, 22, 2, text) * 3600 + digits(t, 24, 2, text) * 60) * (t.charAt(21) == '-' ? -1 : 1);
            return new ImapDateTime(OffsetDateTime.of(
                    year,
                    month,
                    Math.min(day, YearMonth.of(year, month).lengthOfMonth()),
                    digits(t, 12, 2, text),
                    digits(t, 15, 2, text),
                    digits(t, 18, 2, text),
                    0,
                    ZoneOffset.ofTotalSeconds(offset)));
        } catch (DateTimeException e) {
            throw notADateTime(text, e);
        }
    }

    private static int month(String t, String text) {
        for (int m = 0; m < MONTHS.length; m++) {
            if (t.regionMatches(true, 3, MONTHS[m], 0, 3)) {
                return m + 1;
            }
        }
        throw notADateTime(text, null);
    }

    private static int digits(String t, int from, int count, String text) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                throw notADateTime(text, null);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static IllegalArgumentException notADateTime(String text, Exception cause) {
        return new IllegalArgumentException("not an IMAP date-time: " + text, cause);
    }

    public static ImapDateTime ofUtc(Instant instant) {
        return new ImapDateTime(instant.atOffset(ZoneOffset.UTC));
    }

    /** The quoted-string content, {@code 12-Mar-2016 10:00:00 +0100}. */
    public String format() {
        OffsetDateTime value = value();
        if (value.getYear() < 1 || value.getYear() > 9999) {
            return FORMAT.format(value);
        }
        int offset = offsetSeconds;
        int minutes = Math.abs(offset) / 60;
        StringBuilder out = new StringBuilder(LENGTH);
        twoDigits(out, value.getDayOfMonth())
                .append('-')
                .append(MONTHS[value.getMonthValue() - 1])
                .append('-');
        twoDigits(twoDigits(out, value.getYear() / 100), value.getYear() % 100).append(' ');
        twoDigits(out, value.getHour()).append(':');
        twoDigits(out, value.getMinute()).append(':');
        twoDigits(out, value.getSecond()).append(' ').append(offset < 0 ? '-' : '+');
        return twoDigits(twoDigits(out, minutes / 60), minutes % 60).toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int n) {
        return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    @Override
    public String toString() {
        return format();
    }
}
