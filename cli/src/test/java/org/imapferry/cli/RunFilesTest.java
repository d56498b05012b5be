package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.state.AccountLock;
import org.imapferry.engine.state.SyncState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run leaves on disk and what it refuses before connecting: the lock of its account pair,
 * a state file it cannot use, owner-only files whatever the umask, timestamped log lines.
 * The servers here are a closed port (a run that connects fails with 101) and a silent one.
 */
class RunFilesTest {
    static final String PW1 = "Files-src-5120";
    static final String PW2 = "Files-dst-7741";
    static final String STAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) ";

    @TempDir
    Path dir;

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static List<String> account(int port1, int port2) {
        return List.of(
                "--host1",
                "127.0.0.1",
                "--port1",
                String.valueOf(port1),
                "--nossl1",
                "--notls1",
                "--user1",
                "fred",
                "--password1",
                PW1,
                "--host2",
                "127.0.0.1",
                "--port2",
                String.valueOf(port2),
                "--nossl2",
                "--notls2",
                "--user2",
                "fred.new",
                "--password2",
                PW2,
                "--no-progress",
                "--timeout1",
                "30");
    }

    @Test
    void aStateFileOfSomethingElseStopsTheRunBeforeItConnects() throws Exception {
        int port = closedPort();
        Path state = dir.resolve("notes.txt");
        Files.writeString(state, "shopping list\n");
        Cli.Run run = Cli.run(Cli.concat(account(port, port), "--state", state.toString(), "--nolog"))
                .assertNeverPrinted(PW1, PW2);
        assertEquals(66, run.code(), run::toString);
        assertTrue(run.err().contains("the state file " + state + " is not an SQLite database"), run::toString);
        assertTrue(run.err().contains("--state OTHER_FILE, or delete " + state), run::toString);
        assertEquals("", run.out(), "nothing was started: " + run);
        assertEquals("shopping list\n", Files.readString(state));
    }

    @SuppressWarnings("try") // the resource is held for the block, not used in it
    @Test
    void aRunWhoseAccountPairIsLockedStopsBeforeItConnects() throws Exception {
        int port = closedPort();
        Path state = dir.resolve("fred.sqlite");
        List<String> args = account(port, port);
        SyncOptions options = Cli.options(Cli.concat(args, "--state", state.toString()));
        List<Path> locks = AccountLock.files(state, SyncState.defaultPath(options.source(), options.target()));
        try (AccountLock other = AccountLock.acquire(locks)) {
            for (String[] variant : List.of(
                    Cli.concat(args, "--state", state.toString(), "--nolog"),
                    Cli.concat(args, "--no-state", "--nolog"))) {
                Cli.Run run = Cli.run(variant).assertNeverPrinted(PW1, PW2);
                assertEquals(8, run.code(), run::toString);
                assertTrue(run.err().contains("another imapferry run holds "), run::toString);
                assertTrue(run.err().contains("pid " + ProcessHandle.current().pid()), run::toString);
            }
        }
        Path log = dir.resolve("refused.txt");
        try (AccountLock other = AccountLock.acquire(locks)) {
            Cli.Run run = Cli.run(Cli.concat(args, "--state", state.toString(), "--logfile", log.toString()));
            assertEquals(8, run.code(), run::toString);
            String logged = Files.readString(log);
            assertTrue(logged.matches(STAMP + "imapferry: another imapferry run holds (?s).*"), logged);
        }
        Cli.Run free = Cli.run(Cli.concat(args, "--state", state.toString(), "--nolog"));
        assertEquals(101, free.code(), free::toString);
    }

    @SuppressWarnings("try") // the resource is held for the block, not used in it
    @Test
    void aSecondProcessOnTheSameStateFileIsRefusedAndNamesTheFirst() throws Exception {
        Path state = dir.resolve("shared.sqlite");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> args = account(silent.getLocalPort(), closedPort());
            Process first = java(Cli.concat(args, "--state", state.toString(), "--nolog"));
            try {
                // The first run has taken its locks once it connects to host1, which never greets it.
                try (Socket held = silent.accept()) {
                    Cli.Run second = Cli.run(Cli.concat(args, "--state", state.toString(), "--nolog"))
                            .assertNeverPrinted(PW1, PW2);
                    assertEquals(8, second.code(), second::toString);
                    assertTrue(second.err().contains(state + ".lock"), second::toString);
                    assertTrue(second.err().contains("pid " + first.pid()), second::toString);
                }
            } finally {
                first.destroyForcibly();
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void everyFileOfARunIsOwnerOnlyUnderUmask022AndItsLogLinesAreTimestamped() throws Exception {
        int port = closedPort();
        Path state = dir.resolve("state/fred.sqlite");
        Path log = dir.resolve("logs/run/fred.txt");
        Path report = dir.resolve("reports/fred.json");
        Process p = java(Cli.concat(
                account(port, port),
                "--state",
                state.toString(),
                "--logfile",
                log.toString(),
                "--report",
                report.toString()));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(101, p.exitValue(), output);
        for (Path file : List.of(state, Path.of(state + ".lock"), log, report)) {
            assertEquals("rw-------", mode(file), file.toString());
        }
        for (Path folder :
                List.of(state.getParent(), log.getParent(), log.getParent().getParent(), report.getParent())) {
            assertEquals("rwx------", mode(folder), folder.toString());
        }
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.size() > 10, lines::toString);
        for (String line : lines) {
            assertTrue(line.matches(STAMP + ".*"), line);
        }
        assertTrue(
                lines.stream().anyMatch(l -> l.matches(STAMP + "Exiting with return value 101 .*")), lines::toString);
        assertTrue(output.contains("\nExiting with return value 101 "), "the console has no timestamps: " + output);
        assertEquals(
                101,
                new ObjectMapper().readTree(report.toFile()).get("exitCode").asInt());
        assertFalse(Files.readString(log).contains(PW1) || output.contains(PW1));
    }

    /** The command in a JVM of its own, under umask 022, its home in the test's folder. */
    private Process java(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + System.getProperty("user.home"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        StringBuilder line = new StringBuilder("umask 022; exec");
        for (String c : command) {
            line.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        return new ProcessBuilder("sh", "-c", line.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
