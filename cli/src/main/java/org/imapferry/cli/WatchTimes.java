package org.imapferry.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times of {@code --watch-until} and {@code --watch-interval}, read as a user writes them.
 * Pure functions of the text and the present moment.
 */
final class WatchTimes {
    /** 90s, 30m, 2h, 1h30m, 1d: whole numbers, each with a unit, largest first. */
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm[:ss]");

    private WatchTimes() {}

    /**
     * When to end: a time of day (HH:MM, the next one to come, in the local zone), a date and
     * time (ISO 8601, with or without an offset), or a duration from now (30m, 2h).
     */
    static Instant until(String text, ZonedDateTime now) {
        String t = text.trim();
        try {
            if (TIME_OF_DAY.matcher(t).matches()) {
                ZonedDateTime at = now.with(LocalTime.parse(t, CLOCK));
                return (at.isAfter(now) ? at : at.plusDays(1)).toInstant();
            }
            if (t.contains("T")) {
                TemporalAccessor parsed =
                        DateTimeFormatter.ISO_DATE_TIME.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
                Instant at = parsed instanceof OffsetDateTime offset
                        ? offset.toInstant()
                        : ((LocalDateTime) parsed).atZone(now.getZone()).toInstant();
                if (!at.isAfter(now.toInstant())) {
                    throw UserError.usage("--watch-until " + text + " has passed");
                }
                return at;
            }
        } catch (DateTimeException e) {
            throw UserError.usage("--watch-until " + text + " is not a time: " + e.getMessage());
        }
        return now.toInstant().plus(duration(t, "--watch-until"));
    }

    /** How often to poll a source without NOTIFY: seconds (30), or with units (30s, 2m). */
    static Duration interval(String text) {
        String t = text.trim();
        Duration interval = t.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(t)) : duration(t, "--watch-interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw UserError.usage("--watch-interval " + text + " is too short: one second at least");
        }
        return interval;
    }

    private static Duration duration(String text, String option) {
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw UserError.usage(option + " " + text + " is neither a time (HH:MM, 2026-12-01T06:00) nor a "
                    + "duration (90s, 30m, 2h, 1h30m)");
        }
        Duration d = Duration.ZERO;
        try {
            d = d.plusDays(number(m.group(1)))
                    .plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw UserError.usage(option + " " + text + " is too long");
        }
        if (d.isZero()) {
            throw UserError.usage(option + " " + text + " is no time at all");
        }
        return d;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
