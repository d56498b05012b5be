package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * imapsync's --maxmessagespersecond and --maxbytespersecond hold: a copy under a limit cannot be
 * quicker than the limit allows. Only lower bounds are asserted, which a slow machine cannot break.
 */
@DovecotTest
class PaceLimitsTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUsers(Map.of("src", Migrations.PASSWORD, "rate", Migrations.PASSWORD, "bytes", Migrations.PASSWORD));
        for (int i = 1; i <= 9; i++) {
            byte[] body = ("Message-ID: <pace" + i + "@x>\r\nSubject: pace " + i + "\r\n\r\n" + "x".repeat(20_000)
                            + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            dovecot.deliver("src", "INBOX", body, Set.of(), Instant.parse("2021-05-06T07:08:09Z"));
        }
    }

    private static SyncOptions to(String user, SyncOptions.Pace pace) {
        return SyncOptions.defaults(
                        Migrations.endpoint(dovecot.host(), dovecot.port(), "src"),
                        Migrations.endpoint(dovecot.host(), dovecot.port(), user))
                .withConnections(1)
                .withPace(pace)
                .withFolders(new SyncOptions.Folders(
                        java.util.List.of("INBOX"),
                        java.util.List.of(),
                        java.util.List.of(),
                        java.util.List.of(),
                        false,
                        java.util.List.of(),
                        Map.of(),
                        false,
                        null,
                        null,
                        null,
                        null,
                        false));
    }

    @Test
    void nineMessagesAtTenPerSecondTakeAtLeastEightTenths() {
        SyncReport report = Migrations.runClean(to("rate", new SyncOptions.Pace(0, 10)));
        assertEquals(9, report.copied());
        Duration copy = report.folders().get(0).took();
        assertTrue(copy.toMillis() >= 800, "9 messages in " + copy.toMillis() + " ms at 10 per second");
    }

    @Test
    void aHundredAndEightyKilobytesAtSixtyPerSecondTakeAtLeastTwoSeconds() {
        SyncReport report = Migrations.runClean(to("bytes", new SyncOptions.Pace(60_000, 0)));
        assertEquals(9, report.copied());
        assertTrue(report.bytesCopied() >= 180_000, "bytes " + report.bytesCopied());
        Duration copy = report.folders().get(0).took();
        assertTrue(copy.toMillis() >= 2_000, report.bytesCopied() + " bytes in " + copy.toMillis() + " ms at 60 kB/s");
    }
}
