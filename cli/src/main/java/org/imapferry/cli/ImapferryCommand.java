package org.imapferry.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.state.AccountLock;
import org.imapferry.engine.state.AccountLocked;
import org.imapferry.engine.state.AccountPair;
import org.imapferry.engine.state.StateException;
import org.imapferry.engine.state.SyncState;
import org.imapferry.engine.state.UnusableStateFile;
import org.imapferry.engine.verify.VerifyOptions;
import org.imapferry.engine.verify.VerifyReport;
import org.imapferry.engine.watch.Watch;
import org.imapferry.engine.watch.WatchOptions;
import org.imapferry.engine.watch.WatchReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code imapferry} command: imapsync's options, one account pair per run.
 * <pre>
 * ImapferryCommand c = ImapferryCommand.parse("--host1", "a", ...);   // picocli parsing only
 * SyncOptions options = c.toSyncOptions(passwords);                   // validation and mapping
 * </pre>
 * {@link #toSyncOptions} throws {@link UserError} (with its exit code) for anything wrong.
 */
@Command(
        name = "imapferry",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        abbreviateSynopsis = true,
        description = {
            "Copies the mailbox of an account on one IMAP server (host1) to an account on another "
                    + "(host2): fast, exact, and again later with only what changed.",
            "",
            "  imapferry --host1 old.example.com --user1 alice --passfile1 pw1 \\",
            "            --host2 new.example.com --user2 alice --passfile2 pw2",
            "",
            "Options have imapsync's names and meanings: an imapsync command line works with imapferry "
                    + "in place of imapsync (-host1, --noX, unique prefixes and any letter case too)."
        })
public class ImapferryCommand implements Callable<Integer> {

    @Mixin(name = "host1")
    EndpointOptions.Host1 host1 = new EndpointOptions.Host1();

    @Mixin(name = "host2")
    EndpointOptions.Host2 host2 = new EndpointOptions.Host2();

    @Mixin(name = "both")
    BothAccountsOptions both = new BothAccountsOptions(host1, host2);

    @Mixin(name = "folders")
    FolderOptions folders = new FolderOptions();

    @Mixin(name = "messages")
    MessageOptions messages = new MessageOptions();

    @Mixin(name = "modes")
    ModeOptions modes = new ModeOptions();

    @Mixin(name = "pace")
    PaceOptions pace = new PaceOptions();

    @Mixin(name = "presets")
    ProviderPresets presets = new ProviderPresets();

    @Mixin(name = "run")
    RunOptions run = new RunOptions();

    @Spec
    CommandSpec spec;

    final ImapsyncCompatibility compatibility = new ImapsyncCompatibility();

    /** Set by SIGINT or SIGTERM during a run ({@link StopOnSignal}). */
    final StopSignal stop = new StopSignal();
    /** The engine; replaced in tests. */
    BiFunction<SyncOptions, SyncListener, SyncReport> engine = (o, l) -> new SyncEngine(o, l, stop).run();

    PasswordSource passwords = PasswordSource.system();
    ZoneId zone = ZoneId.systemDefault();
    /** The report of the last {@link #execute}, for the batch summary. */
    SyncReport lastReport;
    /** A JSON report file set by the batch command, besides --report. */
    Path jsonReport;

    /** --watch, or null; set by {@link #toSyncOptions}. */
    WatchOptions watch;
    /** What the watch of the last {@link #execute} did, or null. */
    WatchReport lastWatch;

    /** What the run says before it starts: the ignored options and what the presets set. */
    List<String> notices = List.of();

    /** Parses a command line (no validation beyond picocli's); for tests, the demo and the batch. */
    public static ImapferryCommand parse(String... args) {
        ImapferryCommand c = new ImapferryCommand();
        CommandLine cl = configure(new CommandLine(c));
        cl.parseArgs(args);
        return c;
    }

    /** imapsync's parsing rules on a command of this class: hidden imapsync options, Getopt::Long forms. */
    static CommandLine configure(CommandLine cl) {
        ImapferryCommand c = cl.getCommand();
        c.compatibility.register(cl.getCommandSpec());
        return imapsyncForms(cl);
    }

    /**
     * Getopt::Long's forms of the option names on any command that takes imapsync's endpoint
     * options (a run, verify, probe), so that a command line copied from imapsync reads the same.
     */
    static CommandLine imapsyncForms(CommandLine cl) {
        cl.setOverwrittenOptionsAllowed(true); // imapsync: the last occurrence wins
        cl.setPosixClusteredShortOptionsAllowed(false); // -host1 is a name, not -h -o -s -t
        cl.setAllowOptionsAsOptionParameters(true); // Getopt::Long: "--exclude -x" excludes "-x"
        cl.getCommandSpec().preprocessor(new ImapsyncArguments());
        return cl;
    }

    /** Checks the options and turns them into the engine's; passwords are asked for here if needed. */
    public SyncOptions toSyncOptions(PasswordSource passwords) {
        compatibility.check();
        ProviderPresets.Defaults preset = presets.defaults();
        SyncOptions.Modes m = modes.toModes();
        if (messages.delete2) {
            for (String narrowing : List.of("--search2", "--noexpunge2", "--nouidexpunge2")) {
                if (compatibility.used(narrowing)) {
                    // Ignoring it would let --delete2 remove more than imapsync would: refuse instead.
                    throw UserError.usage(narrowing + " cannot be used with --delete2: imapferry would remove "
                            + "more on host2 than imapsync does with it");
                }
            }
        }
        List<String> said = new ArrayList<>(compatibility.notices());
        said.addAll(preset.effects());
        notices = List.copyOf(said);
        boolean login = !m.justConnect();
        Endpoint source = host1.toEndpoint(passwords, preset.host1(), run.allowCleartext, login);
        Endpoint target = host2.toEndpoint(passwords, preset.host2(), run.allowCleartext, login);
        if (run.connections < 1 || run.connections > 64) {
            throw UserError.usage("--connections " + run.connections + " must be between 1 and 64");
        }
        if (run.reconnectMax < 0) {
            throw UserError.usage("--reconnect-max " + run.reconnectMax + " cannot be negative");
        }
        watch = run.toWatch(m, ZonedDateTime.now(zone));
        return SyncOptions.defaults(source, target)
                .withFolders(folders.toFolders(preset))
                .withMessages(messages.toMessages(preset))
                .withModes(m)
                .withPace(pace.toPace(preset))
                .withConnections(run.connections)
                .withReconnectMax(run.reconnectMax)
                .withStateFile(
                        run.noState ? null : run.state != null ? run.state : SyncState.defaultPath(source, target));
    }

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SyncOptions options;
        try {
            options = toSyncOptions(passwords);
        } catch (UserError e) {
            return fail(err, e);
        }
        StopOnSignal signal = StopOnSignal.install(stop::request, StopOnSignal.GRACE);
        int code = ExitCode.BY_SIGNAL.code();
        try (RunLog log = RunLog.open(
                console,
                err,
                modes.noLog,
                modes.logFile(options.source().user(), options.target().user()),
                options.source().user(),
                options.target().user())) {
            code = execute(options, log.out(), log.err(), log.path(), !run.noProgress && System.console() != null);
        } catch (UserError e) {
            code = fail(err, e);
        } finally {
            signal.returned(code);
        }
        return code;
    }

    /**
     * Runs one account pair and prints its statistics block; returns the exit code. Before any
     * connection, the run takes the locks of its account pair and state file and checks the state
     * file, so that a refused run has touched neither server nor state file.
     *
     * @param bars progress bars (a terminal) rather than plain lines
     */
    @SuppressWarnings("try") // the resource is held for the block, not used in it
    int execute(SyncOptions options, PrintWriter out, PrintWriter err, Path logPath, boolean bars) {
        SyncOptions.Modes m = options.modes();
        if (m.justConnect() || m.justLogin()) {
            return migrate(options, out, err, logPath, bars);
        }
        List<Path> locks =
                AccountLock.files(options.stateFile(), SyncState.defaultPath(options.source(), options.target()));
        try (AccountLock lock = AccountLock.acquire(locks)) {
            if (options.stateFile() != null && !m.justFolders() && !m.justFolderSizes()) {
                SyncState.open(options.stateFile(), AccountPair.of(options.source(), options.target()))
                        .close();
            }
            return migrate(options, out, err, logPath, bars);
        } catch (AccountLocked e) {
            return fail(
                    err,
                    new UserError(
                            ExitCode.PID_FILE_ERROR,
                            e.getMessage() + "; nothing was done, run again when it has finished"));
        } catch (UnusableStateFile e) {
            return fail(
                    err,
                    new UserError(
                            ExitCode.NO_INPUT,
                            e.getMessage() + "; nothing was done. Use --state"
                                    + " OTHER_FILE, or delete " + e.file()
                                    + " (without it, the next run finds the messages"
                                    + " already copied by their keys and copies nothing twice)"));
        } catch (StateException e) {
            return fail(err, new UserError(ExitCode.CATCH_ALL, e.getMessage() + "; nothing was done"));
        }
    }

    private int migrate(SyncOptions options, PrintWriter out, PrintWriter err, Path logPath, boolean bars) {
        out.println(
                "imapferry " + Main.version() + " on Java " + Runtime.version().feature());
        out.println("Host1: " + options.source());
        out.println("Host2: " + options.target());
        if (logPath != null) {
            out.println("Log file is " + logPath);
        }
        notices.forEach(out::println);
        out.flush();
        ProcessFacts.Start start = ProcessFacts.Start.now();
        SyncReport report;
        long biggest;
        lastReport = null;
        lastWatch = null;
        try (ProgressView view =
                new ProgressView(out, bars, options.modes().dry(), Duration.ofSeconds(5), System::nanoTime)) {
            report = watch == null ? engine.apply(options, view) : runWatch(options, view, out);
            biggest = view.biggestMessage();
        } catch (RuntimeException e) {
            if (ExitCode.ofFailure(e) == ExitCode.USAGE) {
                return fail(err, UserError.usage(e.getMessage()));
            }
            err.println("imapferry: internal error, the run did not complete: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            err.flush();
            return ExitCode.SOFTWARE.code();
        }
        ExitCode code = ExitCode.of(report);
        lastReport = report;
        out.print(new StatisticsPrinter(zone)
                .print(
                        report,
                        new StatisticsPrinter.Context(
                                options.modes().errorsMax(), biggest, ProcessFacts.since(start))));
        if (lastWatch != null && lastWatch.passes() > 0) {
            out.println(WatchStatusLine.describe(lastWatch, zone) + "; "
                    + (lastWatch.pendingAtEnd()
                            ? "changes heard at the stop were not relayed"
                            : "in step at the stop"));
        }
        Optional<VerifyReport> verification = Optional.empty();
        if (run.verify && report.mode() == SyncReport.Mode.COPY && !report.stopped()) {
            out.println();
            verification = Optional.of(VerifyCommand.verify(options, VerifyOptions.strict(), out));
            if (code == ExitCode.OK && VerifyCommand.exitCode(verification.get()) != ExitCode.OK) {
                code = ExitCode.VERIFY_DIFFERENCES;
            }
        }
        // Written last, so that it holds the verification and the exit code the process returns.
        if (run.report != null) {
            new JsonReportWriter()
                    .write(run.report, options, report, verification, Optional.ofNullable(lastWatch), code);
            out.println("JSON report is " + run.report);
        }
        if (jsonReport != null) {
            new JsonReportWriter()
                    .write(jsonReport, options, report, verification, Optional.ofNullable(lastWatch), code);
        }
        out.println("Exiting with return value " + code.code() + " (" + code.imapsyncName() + ") "
                + report.errors().size() + "/" + options.modes().errorsMax() + " nb_errors/max_errors PID "
                + ProcessHandle.current().pid());
        if (logPath != null) {
            out.println("Log file is " + logPath);
        }
        out.flush();
        return code.code();
    }

    /** The first pass, then --watch until the stop; its status lines go to the console and the log. */
    private SyncReport runWatch(SyncOptions options, SyncListener listener, PrintWriter out) {
        Watch.Outcome outcome = new Watch(options, watch, listener, new WatchStatusLine(out, zone), stop).run();
        lastWatch = outcome.watch();
        return outcome.report();
    }

    static int fail(PrintWriter err, UserError e) {
        err.println("imapferry: " + e.getMessage());
        if (e.exitCode() == ExitCode.USAGE) {
            err.println("Try 'imapferry --help' for the options.");
        }
        err.flush();
        return e.exitCode().code();
    }
}
