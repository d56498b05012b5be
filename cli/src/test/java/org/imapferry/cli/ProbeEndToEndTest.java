package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imapferry probe} against two private Dovecot servers, as an admin runs it. */
class ProbeEndToEndTest {
    static final String P1 = "Probe-src-5521";
    static final String P2 = "Probe-dst-7710";

    @Test
    @DovecotTest
    void bothEndsAreProbedTheTableRecommendsAndTheReportIsOwnerOnly(@TempDir Path dir) throws IOException {
        DovecotServer.assumeAvailable();
        try (DovecotServer host1 = DovecotServer.start();
                DovecotServer host2 = DovecotServer.start()) {
            host1.addUser("petra", P1);
            host2.addUser("petra.new", P2);
            for (int i = 0; i < 40; i++) {
                host1.deliver(
                        "petra",
                        "INBOX",
                        Cli.message("m" + i, "Message " + i, 30_000),
                        Set.of("\\Seen"),
                        Instant.parse("2021-05-06T07:08:09Z"));
            }
            Path report = dir.resolve("probe.json");
            Cli.Run run = Cli.run(
                    "probe",
                    "--host1",
                    host1.host(),
                    "--port1",
                    String.valueOf(host1.port()),
                    "--user1",
                    "petra",
                    "--password1",
                    P1,
                    "--host2",
                    host2.host(),
                    "--port2",
                    String.valueOf(host2.port()),
                    "--user2",
                    "petra.new",
                    "--password2",
                    P2,
                    "--write",
                    "--size",
                    "10G",
                    "--round-trips",
                    "10",
                    "--max-connections",
                    "4",
                    "--write-max-bytes",
                    "4M",
                    "--report",
                    report.toString());
            assertEquals(0, run.code(), run::toString);
            run.assertNeverPrinted(P1, P2, base64(P1), base64(P2));
            assertTrue(run.out().contains("Probe of petra@" + host1.host() + ":" + host1.port()), run::toString);
            assertTrue(run.out().contains("Probe of petra.new@" + host2.host() + ":" + host2.port()), run::toString);
            assertTrue(run.out().matches("(?s).*Read, 4 connections +\\d+\\.\\d\\d MB/s.*"), run::toString);
            assertTrue(run.out().matches("(?s).*Write, 1 connection +\\d+\\.\\d\\d MB/s.*"), run::toString);
            assertTrue(run.out().matches("(?s).*--connections +\\d.*Expected time for 10\\.0 GB .*"), run::toString);
            assertTrue(run.out().matches("(?s).*Scratch folder removed +yes\n.*"), run::toString);

            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
            String json = Files.readString(report, StandardCharsets.UTF_8);
            for (String secret : List.of(P1, P2, base64(P1), base64(P2))) {
                assertFalse(json.contains(secret), "the report holds a secret");
            }
            JsonNode root = new ObjectMapper().readTree(json);
            JsonNode source = root.get("accounts").get(0);
            JsonNode target = root.get("accounts").get(1);
            assertEquals("INBOX", source.get("folder").asText());
            assertEquals(0, source.get("writes").size(), "host1 is only read when host2 is given");
            for (JsonNode read : source.get("reads")) {
                assertEquals(40, read.get("messages").asLong());
                assertEquals(
                        read.get("bytes").asDouble() / 1e6 / read.get("seconds").asDouble(),
                        read.get("megabytesPerSecond").asDouble(),
                        1e-6);
            }
            assertEquals(2, target.get("writes").size());
            assertTrue(target.get("scratchFolder").get("deleted").asBoolean());
            assertEquals(4, source.get("largestConnections").asInt());
            assertTrue(root.get("recommendation").get("expectedSeconds").asDouble() > 0);
            assertTrue(
                    Cli.folders(host2, "petra.new", P2).keySet().stream()
                            .noneMatch(f -> f.contains("imapferry-probe-")),
                    "the scratch folder was left");
        }
    }

    @Test
    @DovecotTest
    void sigtermDuringTheWriteStillDeletesTheScratchFolder(@TempDir Path dir) throws Exception {
        DovecotServer.assumeAvailable();
        try (DovecotServer host1 = DovecotServer.start()) {
            host1.addUser("petra", P1);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path err = dir.resolve("err.txt");
            Path out = dir.resolve("out.txt");
            Process child = new ProcessBuilder(
                            java.toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "probe",
                            "--host1",
                            host1.host(),
                            "--port1",
                            String.valueOf(host1.port()),
                            "--user1",
                            "petra",
                            "--password1",
                            P1,
                            "--write",
                            "--write-max-bytes",
                            "20G",
                            "--write-max-messages",
                            "10000000",
                            "--phase-seconds",
                            "120",
                            "--round-trips",
                            "1")
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!Files.readString(err).contains("write, 1 connection") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(Files.readString(err).contains("write, 1 connection"), () -> read(err));
                Thread.sleep(500);
                child.destroy(); // SIGTERM: the JVM runs its shutdown hooks
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the probe ended after SIGTERM");
            } finally {
                child.destroyForcibly();
            }
            assertEquals(ExitCode.BY_SIGNAL.code(), child.exitValue(), () -> read(err));
            String printed = Files.readString(out);
            assertTrue(printed.contains("(stopped before the end)"), () -> printed + read(err));
            assertTrue(printed.matches("(?s).*Write, 1 connection +\\d+\\.\\d\\d MB/s.*"), printed);
            assertTrue(printed.matches("(?s).*Scratch folder removed +yes\\n.*"), printed);
            assertTrue(
                    Cli.folders(host1, "petra", P1).keySet().stream().noneMatch(f -> f.contains("imapferry-probe-")),
                    "the scratch folder was left");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    @DovecotTest
    void aWrongPasswordExitsAsALoginFailureOfThatAccount() {
        DovecotServer.assumeAvailable();
        try (DovecotServer host1 = DovecotServer.start()) {
            host1.addUser("petra", P1);
            Cli.Run run = Cli.run(
                    "probe",
                    "--host1",
                    host1.host(),
                    "--port1",
                    String.valueOf(host1.port()),
                    "--user1",
                    "petra",
                    "--password1",
                    "not-" + P1);
            assertEquals(ExitCode.AUTHENTICATION_FAILURE_USER1.code(), run.code(), run::toString);
            run.assertNeverPrinted("not-" + P1, base64("not-" + P1));
        }
    }

    @Test
    void aFolderTheUserNamedThatIsNotThereFailsBeforeAnyPhase() {
        try (GreenMailServer host1 = GreenMailServer.start()) {
            host1.addUser("petra", P1);
            host1.deliver(
                    "petra",
                    "INBOX",
                    Cli.message("m1", "Message 1", 2_000),
                    Set.of(),
                    Instant.parse("2021-05-06T07:08:09Z"));
            Cli.Run run = Cli.run(
                    "probe",
                    "--host1",
                    host1.host(),
                    "--port1",
                    String.valueOf(host1.port()),
                    "--user1",
                    "petra",
                    "--password1",
                    P1,
                    "--allow-cleartext",
                    "--folder",
                    "Archive/2019");
            assertEquals(ExitCode.ERR_SELECT.code(), run.code(), run::toString);
            assertTrue(run.err().contains("has no folder \"Archive/2019\" to read"), run::toString);
            assertFalse(run.out().contains("MB/s"), "no phase ran, so no figure is printed: " + run);
        }
    }

    @Test
    void aClosedPortExitsAsAConnectionFailureOfHost1() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Cli.Run run = Cli.run(
                "probe",
                "--host1",
                "127.0.0.1",
                "--port1",
                String.valueOf(closed),
                "--user1",
                "petra",
                "--password1",
                P1);
        assertEquals(ExitCode.CONNECTION_FAILURE_HOST1.code(), run.code(), run::toString);
        assertTrue(run.err().contains("cannot connect to 127.0.0.1"), run::toString);
    }

    @Test
    void aBadSizeIsAUsageError() {
        Cli.Run run = Cli.run("probe", "--host1", "127.0.0.1", "--user1", "petra", "--password1", P1, "--size", "lots");
        assertEquals(ExitCode.USAGE.code(), run.code(), run::toString);
        assertTrue(run.err().contains("--size"), run::toString);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
