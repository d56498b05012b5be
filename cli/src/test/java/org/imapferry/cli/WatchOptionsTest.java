package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imapferry.engine.watch.WatchOptions;
import org.junit.jupiter.api.Test;

class WatchOptionsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 22:30 in Paris, 21:30 UTC. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 30, 22, 30, 0, 0, PARIS);

    private static final PasswordSource NO_ENV = new PasswordSource(Map.of(), () -> null);

    @Test
    void untilIsATimeOfDayADateTimeOrADuration() {
        assertEquals(Instant.parse("2026-11-30T22:00:00Z"), WatchTimes.until("23:00", NOW));
        assertEquals(Instant.parse("2026-12-01T05:00:00Z"), WatchTimes.until("6:00", NOW), "the next 06:00");
        assertEquals(Instant.parse("2026-12-01T21:15:00Z"), WatchTimes.until("22:15", NOW), "22:15 has passed today");
        assertEquals(Instant.parse("2026-12-05T05:00:00Z"), WatchTimes.until("2026-12-05T06:00", NOW));
        assertEquals(Instant.parse("2026-12-05T06:00:00Z"), WatchTimes.until("2026-12-05T06:00:00Z", NOW));
        assertEquals(Instant.parse("2026-12-05T04:00:00Z"), WatchTimes.until("2026-12-05T06:00+02:00", NOW));
        assertEquals(NOW.toInstant().plus(Duration.ofMinutes(30)), WatchTimes.until("30m", NOW));
        assertEquals(NOW.toInstant().plus(Duration.ofMinutes(90)), WatchTimes.until("1h30m", NOW));
        assertEquals(NOW.toInstant().plus(Duration.ofDays(2)), WatchTimes.until("2d", NOW));
    }

    @Test
    void aTimeThatIsNoneOrHasPassedIsAUsageError() {
        for (String bad : List.of("2026-11-01T06:00", "soon", "", "0m", "30x", "25:00", "2026-13-01T06:00")) {
            UserError e = assertThrows(UserError.class, () -> WatchTimes.until(bad, NOW), bad);
            assertEquals(ExitCode.USAGE, e.exitCode(), bad);
            assertTrue(e.getMessage().startsWith("--watch-until " + bad), e.getMessage());
        }
    }

    @Test
    void intervalIsSecondsOrADuration() {
        assertEquals(Duration.ofSeconds(45), WatchTimes.interval("45"));
        assertEquals(Duration.ofSeconds(90), WatchTimes.interval("90s"));
        assertEquals(Duration.ofMinutes(2), WatchTimes.interval("2m"));
        assertThrows(UserError.class, () -> WatchTimes.interval("0"));
        assertThrows(UserError.class, () -> WatchTimes.interval("fast"));
    }

    @Test
    void theCommandLineGivesAWatchOnlyWhenAskedAndWhereItCanCopy() {
        assertNull(command().watch);
        ImapferryCommand watching = command("--watch", "--watch-interval", "5");
        assertEquals(new WatchOptions(null, Duration.ofSeconds(5)), watching.watch);
        assertEquals(WatchOptions.DEFAULT_INTERVAL, command("--watch").watch.interval());
        ImapferryCommand until = command("--watch", "--watch-until", "1h");
        assertTrue(until.watch.until().isAfter(Instant.now().plus(Duration.ofMinutes(59))));

        UserError alone = assertThrows(UserError.class, () -> command("--watch-until", "06:00"));
        assertEquals("--watch-until needs --watch", alone.getMessage());
        assertThrows(UserError.class, () -> command("--watch-interval", "10"));
        for (String mode : List.of("--dry", "--justfolders", "--justlogin", "--justconnect", "--justfoldersizes")) {
            UserError e = assertThrows(UserError.class, () -> command("--watch", mode), mode);
            assertTrue(e.getMessage().contains("--watch keeps copying"), e.getMessage());
        }
    }

    private static ImapferryCommand command(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--host1",
                "a",
                "--user1",
                "u",
                "--password1",
                "p",
                "--host2",
                "b",
                "--user2",
                "v",
                "--password2",
                "q"));
        args.addAll(List.of(more));
        ImapferryCommand c = ImapferryCommand.parse(args.toArray(String[]::new));
        c.toSyncOptions(NO_ENV);
        return c;
    }
}
