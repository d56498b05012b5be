package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imapferry.engine.testserver.GreenMailServer;
import org.junit.jupiter.api.Test;

/**
 * imapsync's --justconnect: banner and capabilities of both servers, no login, no password needed,
 * and no word of a sync.
 */
class JustConnectTest {
    @Test
    void showsBothBannersWithoutLoggingIn() {
        try (GreenMailServer one = GreenMailServer.start();
                GreenMailServer two = GreenMailServer.start()) {
            Cli.Run run = Cli.run(
                    "--host1",
                    one.host(),
                    "--port1",
                    String.valueOf(one.port()),
                    "--user1",
                    "nobody",
                    "--nossl1",
                    "--notls1",
                    "--host2",
                    two.host(),
                    "--port2",
                    String.valueOf(two.port()),
                    "--user2",
                    "nobody",
                    "--nossl2",
                    "--notls2",
                    "--justconnect",
                    "--nolog",
                    "--no-state");
            assertEquals(0, run.code(), run::all);
            assertTrue(run.out().contains("Host1 banner: IMAP4rev1 Server GreenMail"), run::all);
            assertTrue(run.out().contains("Host2 capability: IMAP4REV1"), run::all);
            assertTrue(
                    run.out().contains("--justconnect: connected to both servers, nothing else was done."), run::all);
            for (String verdict : List.of("The sync is", "looks good", "unidentified", "is strict")) {
                assertFalse(run.out().contains(verdict), run::all);
            }
        }
    }
}
