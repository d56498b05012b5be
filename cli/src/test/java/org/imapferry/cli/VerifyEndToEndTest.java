package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.junit.jupiter.api.Test;

/** {@code imapferry verify} after a migration whose target then lost a message. */
@DovecotTest
class VerifyEndToEndTest {
    static final String P1 = "Verify-src-2291";
    static final String P2 = "Verify-dst-8830";

    @Test
    void aMessageDeletedOnTheTargetIsListedAndGives121() throws IOException {
        DovecotServer.assumeAvailable();
        try (DovecotServer host1 = DovecotServer.start();
                DovecotServer host2 = DovecotServer.start()) {
            host1.addUser("vera", P1);
            host2.addUser("vera.new", P2);
            Cli.deliver(host1, "vera", "INBOX", "keep-1", Set.of("\\Seen"));
            host1.deliver(
                    "vera",
                    "INBOX",
                    Cli.message("doomed-2", "The doomed message", 400),
                    Set.of(),
                    java.time.Instant.parse("2021-05-06T07:08:09Z"));
            Cli.deliver(host1, "vera", "Sent", "keep-3", Set.of("\\Seen"));
            List<String> args = List.of(
                    "--host1",
                    host1.host(),
                    "--port1",
                    String.valueOf(host1.port()),
                    "--user1",
                    "vera",
                    "--password1",
                    P1,
                    "--host2",
                    host2.host(),
                    "--port2",
                    String.valueOf(host2.port()),
                    "--user2",
                    "vera.new",
                    "--password2",
                    P2,
                    "--nolog",
                    "--no-progress");
            Cli.Run migration = Cli.run(Cli.concat(args)).assertNeverPrinted(P1, P2);
            assertEquals(0, migration.code(), migration::toString);
            Cli.Run clean = Cli.run(Cli.concat(List.of("verify"), args.toArray(String[]::new)))
                    .assertNeverPrinted(P1, P2);
            assertEquals(0, clean.code(), clean::toString);
            assertTrue(clean.out().contains("The copy is verified"), clean::toString);

            try (RawImap c = RawImap.connect(host2.host(), host2.port())) {
                assertTrue(c.status("LOGIN vera.new " + P2).startsWith("OK"));
                c.lines("SELECT INBOX");
                List<String> search = c.lines("UID SEARCH HEADER Message-ID doomed-2");
                String uid = search.get(0).replace("* SEARCH", "").strip();
                assertTrue(uid.matches("\\d+"), search::toString);
                assertTrue(c.status("UID STORE " + uid + " +FLAGS (\\Deleted)").startsWith("OK"));
                assertTrue(c.status("EXPUNGE").startsWith("OK"));
            }
            Cli.Run run = Cli.run(Cli.concat(List.of("verify"), args.toArray(String[]::new)))
                    .assertNeverPrinted(P1, P2);
            assertEquals(121, run.code(), run::toString);
            assertTrue(
                    run.out()
                            .matches("(?s).*missing on target\\s+host1 UID \\d+\\s+host2 UID -\\s+"
                                    + "\"The doomed message\".*"),
                    run::toString);
            assertTrue(run.out().contains("Missing on target                       : 1"), run::toString);
            assertTrue(run.out().contains("The copy is NOT verified: 1 difference(s)"), run::toString);
        }
    }
}
