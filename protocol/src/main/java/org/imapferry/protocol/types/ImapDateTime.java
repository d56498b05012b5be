package org.imapferry.protocol.types;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
 * wall-clock time and zone as the source.
 */
public record ImapDateTime(OffsetDateTime value) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss xx", Locale.ROOT);

    public ImapDateTime {
        if (value == null) {
            throw new IllegalArgumentException("a date-time must not be null");
        }
        value = value.withNano(0);
    }

    /** Parses the text between the quotes; a leading space or a one-digit day is accepted. */
    public static ImapDateTime parse(String text) {
        String t = text.strip();
        if (t.length() > 1 && t.charAt(1) == '-') {
            t = "0" + t;
        }
        if (t.length() > 6) {
            // Month names are case-insensitive on the wire ("JAN" from some servers).
            String month = t.substring(3, 6);
            t = t.substring(0, 3) + month.charAt(0) + month.substring(1).toLowerCase(Locale.ROOT) + t.substring(6);
            t = t.substring(0, 3) + Character.toUpperCase(t.charAt(3)) + t.substring(4);
        }
        try {
            return new ImapDateTime(OffsetDateTime.parse(t, FORMAT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an IMAP date-time: " + text, e);
        }
    }

    public static ImapDateTime ofUtc(Instant instant) {
        return new ImapDateTime(instant.atOffset(ZoneOffset.UTC));
    }

    /** The quoted-string content, {@code 12-Mar-2016 10:00:00 +0100}. */
    public String format() {
        return FORMAT.format(value);
    }

    @Override
    public String toString() {
        return format();
    }
}
