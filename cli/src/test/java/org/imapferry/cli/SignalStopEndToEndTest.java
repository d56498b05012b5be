package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.state.AccountPair;
import org.imapferry.engine.state.SyncState;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of a copy, sent to the real command in a child JVM: it stops within
 * seconds, prints its statistics saying it was interrupted, exits with 6 (EXIT_BY_SIGNAL), and
 * leaves no partial message on the target; the same command run again then completes the copy
 * exactly, without duplicates.
 */
@DovecotTest
class SignalStopEndToEndTest {
    private static final String P1 = "Stop-src-4410";
    private static final String P2 = "Stop-dst-7725";
    private static final int MESSAGES = 1500;
    /** Paced, so that the copy lasts several seconds whatever the machine. */
    private static final int PER_SECOND = 300;

    @Test
    void sigtermStopsTheCopyCleanlyAndARerunCompletesIt(@TempDir Path dir) throws Exception {
        DovecotServer.assumeAvailable();
        try (DovecotServer server = DovecotServer.start()) {
            server.addUser("sender", P1);
            server.addUser("receiver", P2);
            for (int i = 0; i < MESSAGES; i++) {
                server.deliver(
                        "sender",
                        "INBOX",
                        Cli.message("stop-" + i, "Message " + i, 8000),
                        i % 3 == 0 ? Set.of("\\Seen") : Set.of(),
                        Instant.parse("2022-01-01T00:00:00Z").plusSeconds(i));
            }
            Path report = dir.resolve("report.json");
            List<String> args = List.of(
                    "--host1",
                    server.host(),
                    "--port1",
                    String.valueOf(server.port()),
                    "--user1",
                    "sender",
                    "--password1",
                    P1,
                    "--host2",
                    server.host(),
                    "--port2",
                    String.valueOf(server.port()),
                    "--user2",
                    "receiver",
                    "--password2",
                    P2,
                    "--nolog",
                    "--no-progress",
                    "--state",
                    dir.resolve("state.db").toString());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(args);
            command.addAll(
                    List.of("--maxmessagespersecond", String.valueOf(PER_SECOND), "--report", report.toString()));
            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();

            awaitSomeCopied(server, child, log);
            long signalled = System.nanoTime();
            child.destroy(); // SIGTERM
            boolean ended = child.waitFor(30, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            if (!ended) {
                child.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            assertTrue(ended, () -> "the child did not end within 30 s of SIGTERM:\n" + output);
            System.out.println("SIGTERM: the child ended " + tookMillis + " ms later");
            assertEquals(6, child.exitValue(), () -> "exit code:\n" + output);
            assertTrue(tookMillis < StopOnSignal.GRACE.toMillis(), () -> "took " + tookMillis + " ms:\n" + output);
            assertTrue(output.contains("The sync was interrupted by a signal"), output);
            assertTrue(
                    output.contains("Messages not copied (run stopped)"),
                    () -> "the statistics block is printed:\n" + output);
            assertTrue(output.contains("Exiting with return value 6 (EXIT_BY_SIGNAL)"), output);
            assertTrue(!output.contains(P1) && !output.contains(P2), "no password in the output");
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertTrue(json.get("interrupted").asBoolean(), json::toString);
            assertEquals(6, json.get("exitCode").asInt(), json::toString);

            // Stopped in the middle: part of the account is there, and all of that part is whole.
            VerifyReport partial = Cli.verify(Cli.concat(args));
            long onTarget = Cli.folders(server, "receiver", P2).getOrDefault("INBOX", 0);
            assertTrue(onTarget > 0 && onTarget < MESSAGES, () -> onTarget + " messages on the target:\n" + output);
            assertEquals(onTarget, partial.identical(), () -> "a partial or altered message: " + partial);
            assertEquals(MESSAGES - onTarget, partial.count(VerifyReport.Kind.MISSING_ON_TARGET));
            assertEquals(partial.count(VerifyReport.Kind.MISSING_ON_TARGET), partial.differences(), partial::toString);
            AccountPair pair =
                    new AccountPair(server.host(), server.port(), "sender", server.host(), server.port(), "receiver");
            try (SyncState state = SyncState.open(dir.resolve("state.db"), pair)) {
                assertEquals(onTarget, state.pairs("INBOX", "INBOX").size(), "what the target confirmed is recorded");
                assertNull(state.folder("INBOX", "INBOX"), "a stopped folder is not marked done");
            }

            Cli.Run rerun = Cli.run(Cli.concat(args)).assertNeverPrinted(P1, P2);
            assertEquals(0, rerun.code(), rerun::toString);
            String transferred = String.format(Locale.ROOT, "%-40s: %d\n", "Messages transferred", MESSAGES - onTarget);
            assertTrue(rerun.out().contains(transferred), rerun::toString);
            VerifyReport complete = Cli.verify(Cli.concat(args));
            assertTrue(complete.clean(), complete::toString);
            assertEquals(MESSAGES, complete.identical());
            assertEquals(MESSAGES, Cli.folders(server, "receiver", P2).get("INBOX"), "no duplicates");
        }
    }

    /** Waits until the copy is under way: some messages on the target, the child still running. */
    private static void awaitSomeCopied(DovecotServer server, Process child, Path log)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && child.isAlive()) {
            Integer copied = Cli.folders(server, "receiver", P2).get("INBOX");
            if (copied != null && copied >= PER_SECOND / 2) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the copy never got under way:\n" + Files.readString(log));
    }
}
