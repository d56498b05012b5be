package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --help, --version, a misspelled option, and bin/imapferry without its jar. */
class HelpAndUsageTest {
    @Test
    void helpShowsEveryOptionGroupAndTheExitCodes() {
        Cli.Run run = Cli.run("--help");
        assertEquals(0, run.code(), run::toString);
        for (String heading : ImapferryCommand.SECTIONS.values()) {
            assertTrue(run.out().contains("\n" + heading + "\n"), () -> "no heading '" + heading + "':\n" + run);
        }
        assertTrue(run.out().contains("Exit codes (imapsync's):"), run::toString);
        for (ExitCode c : ExitCode.values()) {
            assertTrue(run.out().matches("(?s).*\\n\\s*" + c.code() + "\\s+" + c.imapsyncName() + ": .*"),
                    () -> "exit code " + c + " not in the table:\n" + run);
        }
        assertTrue(run.out().contains("--sslcafile1"), run::toString);
        assertTrue(run.out().contains("--regextrans2"), run::toString);
    }

    @Test
    void versionNamesTheBuild() {
        Cli.Run run = Cli.run("--version");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().startsWith("imapferry " + Main.version() + "\n"), run::toString);
        assertTrue(!Main.version().isBlank() && !Main.version().contains("${"), Main.version());
    }

    @Test
    void misspelledOptionGetsASuggestionAnd64() {
        Cli.Run run = Cli.run("--hots1", "imap.example.org", "--user1", "a", "--password1", "Typo-secret-1");
        assertEquals(64, run.code(), run::toString);
        assertTrue(run.err().contains("--hots1"), run::toString);
        assertTrue(run.err().contains("--host1"), () -> "no suggestion:\n" + run);
        assertTrue(run.err().contains("Try 'imapferry --help'"), run::toString);
        assertEquals("", run.out(), run::toString);
        run.assertNeverPrinted("Typo-secret-1");
    }

    @Test
    void scriptWithoutTheJarSaysHowToBuildIt(@TempDir Path root) throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("bin/imapferry");
        Assumptions.assumeTrue(Files.isRegularFile(script), "bin/imapferry not found from " + Path.of("").toAbsolutePath());
        Path copy = root.resolve("bin/imapferry");
        Files.createDirectories(copy.getParent());
        Files.copy(script, copy);
        Process p = new ProcessBuilder("bash", copy.toString(), "--version").redirectErrorStream(false).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "script did not finish");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        assertEquals("", out);
        assertTrue(err.contains(root.toRealPath().resolve("cli/target/imapferry.jar") + " is missing"), err);
        assertTrue(err.contains("mvn -q -DskipTests package"), err);
    }
}
