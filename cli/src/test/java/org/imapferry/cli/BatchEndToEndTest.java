package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imapferry batch} with two good accounts and one with a wrong password, against a Dovecot pair. */
@DovecotTest
class BatchEndToEndTest {
    @Test
    void goodAccountsFinishAndTheBadOneIsListed(@TempDir Path dir) throws Exception {
        DovecotServer.assumeAvailable();
        try (DovecotServer host1 = DovecotServer.start();
                DovecotServer host2 = DovecotServer.start()) {
            for (String u : List.of("ann", "ben", "cyd")) {
                host1.addUser(u, "Old-" + u + "-4471");
                host2.addUser(u + ".new", "New-" + u + "-6652");
            }
            for (String u : List.of("ann", "ben", "cyd")) {
                Cli.deliver(host1, u, "INBOX", u + "-1", Set.of("\\Seen"));
                Cli.deliver(host1, u, "INBOX", u + "-2", Set.of());
                Cli.deliver(host1, u, "Archive", u + "-3", Set.of("\\Flagged"));
            }
            Path accounts = dir.resolve("accounts.csv");
            Files.write(
                    accounts,
                    List.of(
                            "# host1;user1;password1;host2;user2;password2",
                            "127.0.0.1;ann;Old-ann-4471;127.0.0.1;ann.new;New-ann-6652",
                            "127.0.0.1;ben;Old-ben-4471;127.0.0.1;ben.new;Wrong-ben-0000",
                            "127.0.0.1;cyd;Old-cyd-4471;127.0.0.1;cyd.new;New-cyd-6652"));
            Path failed = dir.resolve("failed.csv");
            Cli.Run run = Cli.run(
                            "batch",
                            "--concurrency",
                            "2",
                            "--logdir",
                            dir.resolve("logs").toString(),
                            "--failed",
                            failed.toString(),
                            accounts.toString(),
                            "--",
                            "--port1",
                            String.valueOf(host1.port()),
                            "--port2",
                            String.valueOf(host2.port()),
                            "--no-progress")
                    .assertNeverPrinted(
                            "Old-ann-4471",
                            "Old-ben-4471",
                            "Old-cyd-4471",
                            "New-ann-6652",
                            "New-cyd-6652",
                            "Wrong-ben-0000");
            assertEquals(111, run.code(), run::toString);
            assertTrue(run.out().contains("++++ Batch summary"), run::toString);
            assertTrue(run.out().contains("2 of 3 accounts are in sync."), run::toString);
            assertTrue(run.out().matches("(?s).*\\n3\\s+ben\\s+ben\\.new\\s+162\\s.*"), run::toString);
            assertTrue(run.out().matches("(?s).*\\n2\\s+ann\\s+ann\\.new\\s+0\\s+3\\s.*"), run::toString);
            assertTrue(run.out().matches("(?s).*\\n4\\s+cyd\\s+cyd\\.new\\s+0\\s+3\\s.*"), run::toString);
            assertEquals(
                    List.of("127.0.0.1;ben;Old-ben-4471;127.0.0.1;ben.new;Wrong-ben-0000"), Files.readAllLines(failed));
            for (String u : List.of("ann", "cyd")) {
                VerifyReport proof = Cli.verify(
                        "--host1",
                        "127.0.0.1",
                        "--port1",
                        String.valueOf(host1.port()),
                        "--user1",
                        u,
                        "--password1",
                        "Old-" + u + "-4471",
                        "--host2",
                        "127.0.0.1",
                        "--port2",
                        String.valueOf(host2.port()),
                        "--user2",
                        u + ".new",
                        "--password2",
                        "New-" + u + "-6652");
                assertTrue(proof.clean(), proof::toString);
                assertEquals(3, proof.identical(), proof::toString);
            }
            assertEquals(0, Cli.folders(host2, "ben.new", "New-ben-6652").get("INBOX"));
            String benLog = Files.readString(dir.resolve("logs/0003_ben_ben.new.txt"));
            assertTrue(benLog.contains("authentication of ben.new@127.0.0.1:" + host2.port() + " failed"), benLog);
            assertTrue(!benLog.contains("Wrong-ben-0000") && !benLog.contains("Old-ben-4471"), benLog);
        }
    }
}
