package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.testserver.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --watch}: the real command relays a message that arrives after its first pass, and ends
 * in step at its deadline or on SIGTERM, with its statistics block and report.
 */
class WatchEndToEndTest {
    static final String P1 = "Watch-src-4471";
    static final String P2 = "Watch-dst-9032";

    @TempDir
    Path dir;

    @Test
    void aWatchRelaysWhatArrivesAndEndsInStepAtItsDeadline() throws Exception {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("olga", P1);
            server.addUser("olga.new", P2);
            Instant date = Instant.parse("2026-11-02T10:00:00Z");
            server.deliver("olga", "INBOX", Cli.message("o-1", "before", 200), Set.of("\\Seen"), date);
            Path report = dir.resolve("watch.json");
            List<String> args = List.of(
                    "--host1",
                    server.host(),
                    "--port1",
                    String.valueOf(server.port()),
                    "--user1",
                    "olga",
                    "--password1",
                    P1,
                    "--host2",
                    server.host(),
                    "--port2",
                    String.valueOf(server.port()),
                    "--user2",
                    "olga.new",
                    "--password2",
                    P2,
                    "--nolog",
                    "--no-progress",
                    "--state",
                    dir.resolve("olga.sqlite").toString(),
                    "--report",
                    report.toString(),
                    "--watch",
                    "--watch-until",
                    "10s",
                    "--watch-interval",
                    "1");
            // Delivered once the watch follows the source, however long a loaded machine takes to get there.
            StringWriter out = new StringWriter();
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
                CommandLine cl = Main.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(out, true));
                return cl.execute(args.toArray(String[]::new));
            });
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString().contains("Watching host1 (IDLE+STATUS)")) {
                assertTrue(System.nanoTime() < end && !running.isDone(), () -> "the watch never started:\n" + out);
                Thread.sleep(50);
            }
            server.deliver("olga", "INBOX", Cli.message("o-2", "during the watch", 200), Set.of(), date);
            Cli.Run run = new Cli.Run(running.get(60, TimeUnit.SECONDS), out.toString(), "").assertNeverPrinted(P1, P2);

            assertEquals(0, run.code(), run::toString);
            assertTrue(run.out().contains("Watching host1 (IDLE+STATUS): 1 message relayed"), run::toString);
            assertTrue(run.out().contains("in step at the stop"), run::toString);
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertEquals(2, json.at("/totals/copied").asLong(), json::toString);
            assertEquals("IDLE+STATUS", json.at("/watch/mechanism").asText(), json::toString);
            assertEquals(1, json.at("/watch/messagesRelayed").asLong(), json::toString);
            assertTrue(json.at("/watch/inStep").asBoolean(), json::toString);
            assertTrue(json.at("/watch/lagMaxSeconds").asDouble() <= 5, json::toString);
            assertTrue(Cli.verify(args.toArray(String[]::new)).clean());
        }
    }

    @Test
    void sigtermEndsAWatchInStepWithItsStatisticsAndReport() throws Exception {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("ivan", P1);
            server.addUser("ivan.new", P2);
            Instant date = Instant.parse("2026-11-02T10:00:00Z");
            server.deliver("ivan", "INBOX", Cli.message("i-1", "before", 200), Set.of(), date);
            Path report = dir.resolve("signal.json");
            List<String> command = watchCommand(server, "ivan", "--report", report.toString());
            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                awaitLine(log, "Watching host1 (IDLE+STATUS)");
                server.deliver("ivan", "INBOX", Cli.message("i-2", "during the watch", 200), Set.of(), date);
                awaitLine(log, "1 message relayed, the last at ");
                assertTrue(read(log).contains(", lag median "), "the lag is printed");
                long signalled = System.nanoTime();
                child.destroy(); // SIGTERM
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), () -> "no end after SIGTERM:\n" + read(log));
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
                String output = read(log);
                assertEquals(0, child.exitValue(), output);
                assertTrue(tookMillis < StopOnSignal.GRACE.toMillis(), () -> "took " + tookMillis + " ms:\n" + output);
                assertTrue(output.contains("Messages failed"), () -> "the statistics block is printed:\n" + output);
                assertTrue(output.contains("in step at the stop"), output);
                assertTrue(output.contains("Exiting with return value 0"), output);
                assertEquals(1, output.split("Host1 banner", -1).length - 1, "the passes' banners are not repeated");
                assertTrue(!output.contains(P1) && !output.contains(P2), "no password in the output");
                JsonNode json = new ObjectMapper().readTree(report.toFile());
                assertEquals(false, json.get("interrupted").asBoolean(), json::toString);
                assertTrue(json.at("/watch/inStep").asBoolean(), json::toString);
                assertEquals(1, json.at("/watch/messagesRelayed").asLong(), json::toString);
            } finally {
                child.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aKilledWatchResumesFromItsStateFileWithoutCopyingAgain() throws Exception {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("kim", P1);
            server.addUser("kim.new", P2);
            Instant date = Instant.parse("2026-11-02T10:00:00Z");
            server.deliver("kim", "INBOX", Cli.message("k-1", "before", 200), Set.of(), date);
            Path log = dir.resolve("killed.log");
            Process child = new ProcessBuilder(watchCommand(server, "kim"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                awaitLine(log, "Watching host1 (IDLE+STATUS)");
                server.deliver("kim", "INBOX", Cli.message("k-2", "during the watch", 200), Set.of(), date);
                awaitLine(log, "1 message relayed");
            } finally {
                child.destroyForcibly().waitFor(); // SIGKILL: no statistics, no report, no goodbye
            }
            server.deliver("kim", "INBOX", Cli.message("k-3", "after the kill", 200), Set.of(), date);
            Path report = dir.resolve("resumed.json");
            List<String> rerun = List.of(
                    "--host1",
                    server.host(),
                    "--port1",
                    String.valueOf(server.port()),
                    "--user1",
                    "kim",
                    "--password1",
                    P1,
                    "--host2",
                    server.host(),
                    "--port2",
                    String.valueOf(server.port()),
                    "--user2",
                    "kim.new",
                    "--password2",
                    P2,
                    "--nolog",
                    "--no-progress",
                    "--state",
                    dir.resolve("kim.sqlite").toString(),
                    "--report",
                    report.toString());
            Cli.Run run = Cli.run(rerun.toArray(String[]::new)).assertNeverPrinted(P1, P2);

            assertEquals(0, run.code(), run::toString);
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertEquals(1, json.at("/totals/copied").asLong(), () -> "only k-3 is copied: " + json);
            assertEquals(2, json.at("/totals/skipped").asLong(), () -> "k-1 and k-2 were recorded: " + json);
            assertTrue(Cli.verify(rerun.toArray(String[]::new)).clean(), "3 messages, each once");
        }
    }

    /** A real imapferry process watching {@code user}'s account into {@code user}.new. */
    private List<String> watchCommand(GreenMailServer server, String user, String... more) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(
                "--host1",
                server.host(),
                "--port1",
                String.valueOf(server.port()),
                "--user1",
                user,
                "--password1",
                P1,
                "--host2",
                server.host(),
                "--port2",
                String.valueOf(server.port()),
                "--user2",
                user + ".new",
                "--password2",
                P2,
                "--nolog",
                "--no-progress",
                "--state",
                dir.resolve(user + ".sqlite").toString(),
                "--watch",
                "--watch-interval",
                "1"));
        command.addAll(List.of(more));
        return command;
    }

    private static void awaitLine(Path log, String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!read(log).contains(text)) {
            assertTrue(System.nanoTime() < end, () -> "no '" + text + "' within 30 s:\n" + read(log));
            Thread.sleep(100);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
