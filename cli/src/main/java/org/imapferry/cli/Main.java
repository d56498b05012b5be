package org.imapferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/** Entry point: {@code imapferry [OPTIONS]}, {@code imapferry batch FILE}, and the tooling subcommands. */
public final class Main {
    private Main() {}

    /**
     * The names that need the subcommands' models: the subcommands, and help, which lists them
     * (with one dash or two, as imapsync's Getopt::Long takes both).
     */
    private static final Set<String> NEED_SUBCOMMANDS =
            Set.of("demo", "verify", "batch", "probe", "generate-completion", "gen-manpage", "help", "h");

    public static void main(String[] args) {
        System.exit(forArguments(args).execute(args));
    }

    /**
     * The command these arguments need. A migration's arguments name no subcommand, and building
     * the subcommands' models (picocli reads every annotation of every option) costs a start
     * about 0.1 s, where an unchanged re-run is mostly start-up; so they get the command alone.
     * Anything else, no arguments included, gets the whole command line.
     */
    static CommandLine forArguments(String... args) {
        boolean migration = args.length > 0
                && Arrays.stream(args).map(a -> a.replaceFirst("^--?", "")).noneMatch(NEED_SUBCOMMANDS::contains);
        return migration ? handled(migrationOnly()) : commandLine();
    }

    /** The command with its subcommands, help sections and exit-code handling. */
    public static CommandLine commandLine() {
        CommandLine cl = migrationOnly();
        cl.addSubcommand("demo", new DemoCommand());
        CommandLine verify = ImapferryCommand.configure(new CommandLine(new VerifyCommand()));
        verify.getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, OptionSections::render);
        verify.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING);
        cl.addSubcommand("verify", verify);
        cl.addSubcommand("batch", new BatchCommand());
        cl.addSubcommand("probe", ImapferryCommand.imapsyncForms(new CommandLine(new ProbeCommand())));
        cl.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        cl.addSubcommand("gen-manpage", new ManPageGenerator());
        cl.addSubcommand("help", new HelpCommand());
        return handled(cl);
    }

    /** The migration's command, with its help sections, and no subcommand. */
    private static CommandLine migrationOnly() {
        CommandLine cl = ImapferryCommand.configure(new CommandLine(new ImapferryCommand()));
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, OptionSections::render);
        cl.getHelpSectionMap().remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING);
        cl.getCommandSpec().usageMessage().footer(exitCodeFooter());
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes (imapsync's):%n");
        cl.getCommandSpec().usageMessage().exitCodeList(exitCodeTable());
        return cl;
    }

    /**
     * Exit codes and error messages, for the command and the subcommands it has by now (picocli
     * gives a setting only to the subcommands present when it is made).
     */
    private static CommandLine handled(CommandLine cl) {
        cl.setExitCodeExceptionMapper(
                t -> t instanceof UserError u ? u.exitCode().code() : ExitCode.SOFTWARE.code());
        cl.setParameterExceptionHandler(Main::badUsage);
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UserError u) {
                return ImapferryCommand.fail(c.getErr(), u);
            }
            c.getErr()
                    .println("imapferry: internal error: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return ExitCode.SOFTWARE.code();
        });
        return cl;
    }

    private static Map<String, String> exitCodeTable() {
        Map<String, String> table = new LinkedHashMap<>();
        for (ExitCode c : ExitCode.values()) {
            table.put(String.format("%3d", c.code()), c.imapsyncName() + ": " + c.meaning());
        }
        return table;
    }

    private static String[] exitCodeFooter() {
        return new String[] {
            "%nimapsync options that alter messages (--regexmess, --pipemess, --addheader, ...) "
                    + "or that --state replaces (--useuid, --usecache) are refused with the reason.",
            "Subcommands: demo (a migration between two embedded servers), verify (prove a copy), "
                    + "probe (measure a server), batch ACCOUNTS.csv (many accounts), generate-completion (bash/zsh), "
                    + "gen-manpage."
        };
    }

    /** Unknown or malformed options: picocli's message and suggestions, then exit 64 (EX_USAGE). */
    static int badUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("imapferry: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try 'imapferry" + (cmd.getParent() == null ? "" : " " + cmd.getCommandName())
                + " --help' for the options.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** The version from the build (resource filtered by Maven). */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/org/imapferry/cli/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "dev";
    }

    /** --version. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "imapferry " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
