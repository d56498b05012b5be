package org.imapferry.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.state.PrivateFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imapferry batch ACCOUNTS.csv [-- OPTIONS...]}: many account pairs on one JVM, a few at a
 * time, each with its own log and JSON report, a summary table at the end and a file of the lines
 * that failed, to rerun them.
 */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Migrates every account pair of ACCOUNTS, a file in imapsync's loop form:",
            "  host1;user1;password1;host2;user2;password2[;extra options...]",
            "Lines starting with # and blank lines are skipped. OPTIONS after -- apply to every account; "
                    + "a line's extra columns apply to that account only."
        },
        footer = {
            "%nExit code: 0 when every account is in sync, otherwise 111 (EXIT_WITH_ERRORS); "
                    + "64 for bad usage, 66 when ACCOUNTS cannot be read."
        })
public final class BatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACCOUNTS", description = "The accounts file.")
    Path accountsFile;

    @Parameters(
            index = "1..*",
            paramLabel = "OPTIONS",
            description = "imapferry options for every account " + "(after --).")
    List<String> commonArgs = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N", description = "Accounts migrated at once (default 4).")
    int concurrency = 4;

    @Option(
            names = "--shard",
            paramLabel = "INDEX/COUNT",
            description = "Take only shard INDEX of COUNT " + "(a stable share by host1+user1), e.g. 0/4.")
    String shard;

    @Option(
            names = "--shard-count",
            paramLabel = "COUNT",
            description = "COUNT shards, the index from " + "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job).")
    Integer shardCount;

    @Option(
            names = "--logdir",
            paramLabel = "DIR",
            description = "Per-account logs and JSON reports " + "(default LOG_imapferry/batch_<date>).")
    Path logDir;

    @Option(
            names = "--failed",
            paramLabel = "FILE",
            description = "Where to write the lines that failed "
                    + "(default ACCOUNTS.failed); rerun with 'imapferry batch FILE'.")
    Path failedFile;

    @Spec
    CommandSpec spec;

    BiFunction<SyncOptions, SyncListener, SyncReport> engine = (o, l) -> new SyncEngine(o, l).run();
    Map<String, String> env = System.getenv();

    /** One account's outcome. */
    public record Outcome(
            AccountsFile.Account account, int exitCode, long copied, long failed, double seconds, String verdict) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out);
        } catch (UserError e) {
            return ImapferryCommand.fail(err, e);
        }
    }

    int run(PrintWriter out) {
        if (concurrency < 1) {
            throw UserError.usage("--concurrency must be at least 1");
        }
        if (concurrency > 1 && commonArgs.stream().anyMatch(o -> o.equals("--state") || o.startsWith("--state="))) {
            // One state file takes one run at a time (its lock): the other accounts would be refused.
            throw UserError.usage("--state FILE for every account lets only one account run at a time: add"
                    + " --concurrency 1, or leave --state out to give each account pair a state file of its own");
        }
        Shard s = shard();
        List<AccountsFile.Account> all = AccountsFile.read(accountsFile);
        List<AccountsFile.Account> mine = all.stream().filter(s::owns).toList();
        Path dir = logDir != null
                ? logDir
                : Path.of(
                        "LOG_imapferry",
                        "batch_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss")));
        try {
            PrivateFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError(
                    ExitCode.CATCH_ALL, "cannot create --logdir " + dir + ": " + PasswordSource.describe(e));
        }
        out.printf(
                "Batch %s: %d accounts%s, %d at a time, logs in %s%n",
                accountsFile,
                mine.size(),
                s.count() > 1 ? " (shard " + s + " of " + all.size() + ")" : "",
                concurrency,
                dir);
        out.flush();
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, mine.size())), r -> {
            Thread t = new Thread(r, "imapferry-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (AccountsFile.Account a : mine) {
                futures.add(pool.submit(() -> runAccount(a, dir, out)));
            }
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UserError(ExitCode.BY_SIGNAL, "interrupted");
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        out.print(summary(outcomes));
        List<String> failedLines = outcomes.stream()
                .filter(o -> o.exitCode() != 0)
                .map(o -> o.account().line())
                .toList();
        Path failed = failedFile != null ? failedFile : Path.of(accountsFile + ".failed");
        writeFailed(failed, failedLines, out);
        out.flush();
        return failedLines.isEmpty() ? 0 : ExitCode.WITH_ERRORS.code();
    }

    Shard shard() {
        if (shard != null && shardCount != null) {
            throw UserError.usage("--shard and --shard-count contradict each other; use one");
        }
        if (shard != null) {
            return Shard.parse(shard);
        }
        if (shardCount != null) {
            return Shard.fromEnvironment(env, shardCount);
        }
        return Shard.ALL;
    }

    Outcome runAccount(AccountsFile.Account a, Path dir, PrintWriter console) {
        String name = String.format(
                Locale.ROOT, "%04d_%s_%s", a.lineNumber(), RunLog.safe(a.user1()), RunLog.safe(a.user2()));
        Path logFile = dir.resolve(name + ".txt");
        Path reportFile = dir.resolve(name + ".json");
        long t0 = System.nanoTime();
        List<String> args = new ArrayList<>(
                List.of("--host1", a.host1(), "--user1", a.user1(), "--host2", a.host2(), "--user2", a.user2()));
        args.addAll(commonArgs);
        args.addAll(a.extraArgs());
        Map<String, String> passwords = new HashMap<>();
        if (a.password1() != null) {
            passwords.put("IMAPFERRY_PASSWORD1", a.password1().reveal());
        }
        if (a.password2() != null) {
            passwords.put("IMAPFERRY_PASSWORD2", a.password2().reveal());
        }
        StringWriter errText = new StringWriter();
        int code;
        SyncReport report = null;
        try (PrintWriter log = RunLog.file(logFile, Clock.systemDefaultZone());
                PrintWriter err = new PrintWriter(errText, true)) {
            log.println("imapferry batch, " + a.describe());
            try {
                ImapferryCommand c = ImapferryCommand.parse(args.toArray(String[]::new));
                c.engine = engine;
                c.jsonReport = reportFile;
                SyncOptions options = c.toSyncOptions(new PasswordSource(passwords, () -> null));
                code = c.execute(options, log, err, logFile, false);
                report = c.lastReport;
            } catch (CommandLine.ParameterException e) {
                err.println("imapferry: " + e.getMessage());
                code = ExitCode.USAGE.code();
            } catch (UserError e) {
                err.println("imapferry: " + e.getMessage());
                code = e.exitCode().code();
            }
            err.flush();
            if (!errText.toString().isEmpty()) {
                log.print(errText);
            }
        } catch (IOException e) {
            errText.append("cannot write ")
                    .append(logFile.toString())
                    .append(": ")
                    .append(PasswordSource.describe(e));
            code = ExitCode.CATCH_ALL.code();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String verdict = report != null
                ? StatisticsPrinter.verdict(report)
                : errText.toString().strip().replace(System.lineSeparator(), " ");
        Outcome o = new Outcome(
                a, code, report == null ? 0 : report.copied(), report == null ? 0 : report.failed(), seconds, verdict);
        synchronized (console) {
            console.printf(
                    Locale.ROOT,
                    "%s: exit %d, %d copied, %d failed, %.1f s%n",
                    a.describe(),
                    code,
                    o.copied(),
                    o.failed(),
                    seconds);
            console.flush();
        }
        return o;
    }

    static String summary(List<Outcome> outcomes) {
        StringBuilder b = new StringBuilder("\n++++ Batch summary\n");
        b.append(String.format(
                Locale.ROOT,
                "%-6s %-30s %-30s %5s %9s %7s %9s  %s%n",
                "line",
                "user1",
                "user2",
                "exit",
                "copied",
                "failed",
                "seconds",
                "result"));
        int ok = 0;
        for (Outcome o : outcomes) {
            if (o.exitCode() == 0) {
                ok++;
            }
            b.append(String.format(
                    Locale.ROOT,
                    "%-6d %-30s %-30s %5d %9d %7d %9.1f  %s%n",
                    o.account().lineNumber(),
                    o.account().user1(),
                    o.account().user2(),
                    o.exitCode(),
                    o.copied(),
                    o.failed(),
                    o.seconds(),
                    o.verdict()));
        }
        b.append(ok).append(" of ").append(outcomes.size()).append(" accounts are in sync.\n");
        return b.toString();
    }

    private static void writeFailed(Path file, List<String> lines, PrintWriter out) {
        try {
            if (lines.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            try (BufferedWriter w = PrivateFiles.newWriter(file)) { // the lines hold passwords
                for (String line : lines) {
                    w.write(line);
                    w.newLine();
                }
            }
            out.println(lines.size() + " accounts failed; their lines are in " + file + " (rerun: imapferry batch "
                    + file + ")");
        } catch (IOException e) {
            out.println("cannot write the failed lines to " + file + ": " + PasswordSource.describe(e));
        }
    }
}
