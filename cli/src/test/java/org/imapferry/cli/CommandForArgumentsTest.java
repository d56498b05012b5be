package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A migration's arguments get the command without the subcommands' models; anything else gets them all. */
class CommandForArgumentsTest {
    private static final Set<String> SUBCOMMANDS =
            Set.of("demo", "verify", "batch", "probe", "generate-completion", "gen-manpage", "help");

    private static Set<String> subcommands(String... args) {
        return Main.forArguments(args).getSubcommands().keySet();
    }

    @Test
    void aMigrationNeedsNoSubcommand() {
        assertTrue(subcommands("--host1", "a.example", "--user1", "u", "--host2", "b.example", "--user2", "v")
                .isEmpty());
        assertTrue(subcommands("-host1", "a.example", "-justlogin").isEmpty());
    }

    @Test
    void everySubcommandAndHelpGetTheWholeCommandLine() {
        for (List<String> args : List.of(
                List.<String>of(),
                List.of("demo"),
                List.of("verify", "--host1", "a.example"),
                List.of("--host1", "a.example", "probe"),
                List.of("batch", "accounts.csv"),
                List.of("help"),
                List.of("--help"),
                List.of("-help"),
                List.of("-h"),
                List.of("generate-completion"),
                List.of("gen-manpage"))) {
            assertEquals(SUBCOMMANDS, subcommands(args.toArray(String[]::new)), args::toString);
        }
    }

    @Test
    void theCommandAloneStillMapsErrorsToImapsyncsExitCodes() {
        CommandLine cl = Main.forArguments("--no-such-option");
        cl.setErr(new PrintWriter(Writer.nullWriter()));
        assertEquals(ExitCode.USAGE.code(), cl.execute("--no-such-option"));
    }
}
