package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --help, --version, a misspelled option, and bin/imapferry without its jar. */
class HelpAndUsageTest {
    @Test
    void helpShowsEveryOptionGroupAndTheExitCodes() {
        Cli.Run run = Cli.run("--help");
        assertEquals(0, run.code(), run::toString);
        for (String heading : OptionSections.HEADINGS.values()) {
            assertTrue(run.out().contains("\n" + heading + "\n"), () -> "no heading '" + heading + "':\n" + run);
        }
        assertTrue(run.out().contains("Exit codes (imapsync's):"), run::toString);
        for (ExitCode c : ExitCode.values()) {
            assertTrue(
                    run.out().matches("(?s).*\\n\\s*" + c.code() + "\\s+" + c.imapsyncName() + ": .*"),
                    () -> "exit code " + c + " not in the table:\n" + run);
        }
        assertTrue(run.out().contains("--sslcafile1"), run::toString);
        assertTrue(run.out().contains("--regextrans2"), run::toString);
    }

    @Test
    void helpStartsWithAnExampleAndShowsEachAccountOptionOnce() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"help"}, new String[] {"verify", "-h"})) {
            Cli.Run run = Cli.run(args);
            assertEquals(0, run.code(), run::toString);
            int example = run.out().indexOf("--host1 old.example.com --user1 alice");
            int list = run.out().indexOf("\nAccounts (");
            assertTrue(args[0].equals("verify") || example > 0 && example < list, () -> "no example first:\n" + run);
            String out = run.out().substring(list);
            assertTrue(out.contains("suffix 1: host1, the source; suffix 2: host2, the target"), out);
            for (String name : List.of("--host", "--user", "--port", "--authuser", "--sslcafile")) {
                assertEquals(1, count(out, name + "1/2"), () -> name + "1/2 shown more or less than once:\n" + out);
                assertEquals(0, count(out, name + "1"), () -> name + "1 shown on its own:\n" + out);
                assertEquals(0, count(out, name + "2"), () -> name + "2 shown on its own:\n" + out);
            }
            assertTrue(out.contains("--[no-]ssl1/2"), out);
        }
    }

    @Test
    void noSentenceIsCutAtAnAbbreviation() {
        // picocli breaks lines after "X." as if a sentence ended there: "e.\n g.", "~/.\n imapferry"
        for (String[] args :
                List.of(new String[] {"--help"}, new String[] {"verify", "--help"}, new String[] {"batch", "--help"})) {
            Cli.Run run = Cli.run(args);
            Matcher broken = Pattern.compile("(?<![\\w.])[\\w~/]\\.\\n +[a-z]").matcher(run.out());
            assertFalse(
                    broken.find(),
                    () -> "a line broken inside a word:\n"
                            + run.out()
                                    .substring(
                                            Math.max(0, broken.start() - 80),
                                            Math.min(run.out().length(), broken.end() + 20)));
        }
    }

    @Test
    void helpSubcommandShowsASubcommandsHelp() {
        Cli.Run run = Cli.run("help", "verify");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().startsWith("Usage: imapferry verify"), run::toString);
        Cli.Run batch = Cli.run("help", "batch");
        assertTrue(batch.out().startsWith("Usage: imapferry batch"), batch::toString);
    }

    private static int count(String text, String word) {
        Matcher m = Pattern.compile(Pattern.quote(word) + "(?![\\w/-])").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
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
        Assumptions.assumeTrue(
                Files.isRegularFile(script),
                "bin/imapferry not found from " + Path.of("").toAbsolutePath());
        Path copy = root.resolve("bin/imapferry");
        Files.createDirectories(copy.getParent());
        Files.copy(script, copy);
        Process p = new ProcessBuilder("bash", copy.toString(), "--version")
                .redirectErrorStream(false)
                .start();
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
