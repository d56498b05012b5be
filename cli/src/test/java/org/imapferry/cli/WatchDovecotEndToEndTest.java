package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command watching a Dovecot that offers NOTIFY, in a child JVM: mail appended to INBOX
 * and to another folder, a flag set and a folder created on host1 reach host2 while it runs, each
 * status line gives the lag, and SIGTERM ends it in step with exit 0 and a target the verifier
 * finds exact.
 */
@DovecotTest
class WatchDovecotEndToEndTest {
    private static final String P1 = "Watch-old-6203";
    private static final String P2 = "Watch-new-1958";
    // Dovecot offers NOTIFY only with its mailbox list index, which its test harness turns off.
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.builder()
            .extraConfig("mailbox_list_index = yes\n")
            .user("nora", P1)
            .user("nora.new", P2)
            .build();

    @TempDir
    Path dir;

    @Test
    void aWatchOnNotifyRelaysEachChangeAndSigtermLeavesTheTargetExact() throws Exception {
        DovecotServer server = DOVECOT.server();
        Instant date = Instant.parse("2026-11-02T10:00:00Z");
        server.deliver("nora", "INBOX", Cli.message("n-1", "before", 300), Set.of(), date);
        server.deliver("nora", "Work", Cli.message("n-w1", "before", 300), Set.of("\\Seen"), date);
        List<String> args = List.of(
                "--host1",
                server.host(),
                "--port1",
                String.valueOf(server.port()),
                "--user1",
                "nora",
                "--password1",
                P1,
                "--host2",
                server.host(),
                "--port2",
                String.valueOf(server.port()),
                "--user2",
                "nora.new",
                "--password2",
                P2,
                "--nolog",
                "--no-progress",
                "--state",
                dir.resolve("nora.sqlite").toString(),
                "--delete2");
        Path report = dir.resolve("watch.json");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--report", report.toString(), "--watch"));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try (RawImap host1 = RawImap.login(server.host(), server.port(), "nora", P1)) {
            awaitLine(log, "Watching host1 (NOTIFY)");
            append(host1, "INBOX", "n-2");
            awaitLine(log, "1 message relayed, the last at ");
            append(host1, "Work", "n-w2");
            awaitLine(log, "2 messages relayed");
            assertTrue(read(log).contains(" into Work, lag median "), "the lag is printed");
            host1.addFlag("INBOX", "<n-1@old.example>", "\\Flagged");
            awaitLine(log, "1 flag update(s)");
            assertEquals("OK", host1.status("CREATE \"Projects\"").substring(0, 2));
            append(host1, "Projects", "n-p1");
            awaitLine(log, "3 messages relayed, the last at ");

            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), () -> "no end after SIGTERM:\n" + read(log));
            String output = read(log);
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("in step at the stop"), output);
            assertTrue(output.contains("Exiting with return value 0"), output);
            assertTrue(!output.contains(P1) && !output.contains(P2), "no password in the output");
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertEquals("NOTIFY", json.at("/watch/mechanism").asText(), json::toString);
            assertEquals(3, json.at("/watch/messagesRelayed").asLong(), json::toString);
            assertEquals(1, json.at("/watch/flagsUpdated").asLong(), json::toString);
            assertTrue(json.at("/watch/lagMaxSeconds").asDouble() <= 5, json::toString);
            assertTrue(
                    json.at("/watch/lagMedianSeconds").asDouble()
                            <= json.at("/watch/lagMaxSeconds").asDouble(),
                    json::toString);
            VerifyReport proof = Cli.verify(args.toArray(String[]::new));
            assertTrue(proof.clean(), proof::toString);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    /**
     * APPEND as a mail client sends it, the literal in the command (LITERAL+, RFC 7888): Dovecot's
     * NOTIFY works from its index, which a file placed in the Maildir behind its back skips.
     */
    private static void append(RawImap host1, String folder, String id) {
        byte[] message = Cli.message(id, "during the watch", 300);
        String status = host1.status("APPEND " + RawImap.wire(folder) + " {" + message.length + "+}\r\n"
                + new String(message, StandardCharsets.US_ASCII));
        assertTrue(status.startsWith("OK"), status);
    }

    private static void awaitLine(Path log, String text) throws InterruptedException {
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
