package org.imapferry.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.imapferry.engine.connection.AuthenticationFailedException;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ConnectionFailedException;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.TlsFailedException;
import org.imapferry.engine.probe.ByteSize;
import org.imapferry.engine.probe.PhaseBudget;
import org.imapferry.engine.probe.ProbeOptions;
import org.imapferry.engine.probe.ProbeResult;
import org.imapferry.engine.probe.ProbeStop;
import org.imapferry.engine.probe.ProbeTable;
import org.imapferry.engine.probe.Prober;
import org.imapferry.engine.probe.ReadFolderMissing;
import org.imapferry.engine.probe.Recommendation;
import org.imapferry.engine.probe.Recommender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imapferry probe}: benchmarks one account's server (or both ends of a planned migration)
 * within small budgets, and says which migration options fit it. Read-only unless {@code --write}.
 */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        abbreviateSynopsis = true,
        description = {
            "Measures how fast a server serves mail (and, with --write, accepts it), how many "
                    + "connections it takes and where it throttles; then recommends --connections, a pace and the "
                    + "expected time for a mailbox of --size.",
            "Read-only (EXAMINE, BODY.PEEK) unless --write, which appends generated messages into a new "
                    + "scratch folder (host2's when given) and deletes it."
        })
public final class ProbeCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the scratch folder to be deleted. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

    @Mixin(name = "host1")
    EndpointOptions.Host1 host1 = new EndpointOptions.Host1();

    @Mixin(name = "host2")
    EndpointOptions.Host2 host2 = new EndpointOptions.Host2();

    @Option(
            names = "--folder",
            paramLabel = "FOLDER",
            description = "The folder to read (default: the one with " + "the most messages).")
    String folder;

    @Option(
            names = "--write",
            description = "Also measure APPEND into a scratch folder, deleted afterwards "
                    + "(host2's when given, else host1's).")
    boolean write;

    @Option(
            names = "--probe-connections",
            paramLabel = "N",
            description = "Connections of the parallel read " + "and write phases (default 4).")
    int probeConnections = ProbeOptions.DEFAULT_PROBE_CONNECTIONS;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "Highest count of simultaneous " + "connections tried: 1, 2, 4, ... up to N (default 8).")
    int maxConnections = ProbeOptions.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--round-trips", paramLabel = "N", description = "NOOPs timed for the round trip (default 50).")
    int roundTrips = ProbeOptions.DEFAULT_ROUND_TRIPS;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            description = "Mailbox size to estimate the copy time for, " + "e.g. 10G (K, M, G, T are powers of 1000).")
    String size;

    @Option(
            names = "--read-max-bytes",
            paramLabel = "SIZE",
            description = "Bytes read per phase at most " + "(default 200M).")
    String readBytes = "200M";

    @Option(
            names = "--read-max-messages",
            paramLabel = "N",
            description = "Messages read per phase at most " + "(default 2000).")
    int readMessages = PhaseBudget.READ.messages();

    @Option(
            names = "--write-max-bytes",
            paramLabel = "SIZE",
            description = "Bytes written per phase at most " + "(default 50M).")
    String writeBytes = "50M";

    @Option(
            names = "--write-max-messages",
            paramLabel = "N",
            description = "Messages written per phase at most " + "(default 500).")
    int writeMessages = PhaseBudget.WRITE.messages();

    @Option(names = "--phase-seconds", paramLabel = "SECONDS", description = "Time per phase at most (default 20).")
    int phaseSeconds = (int) PhaseBudget.READ.time().toSeconds();

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write the figures as JSON to FILE (mode 600; " + "never contains a password).")
    Path report;

    @Option(
            names = "--allow-cleartext",
            description = "Allow a password over an unencrypted connection to a " + "host other than this machine.")
    boolean allowCleartext;

    @Spec
    CommandSpec spec;

    PasswordSource passwords = PasswordSource.system();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ProbeOptions> accounts;
        long mailboxBytes;
        try {
            accounts = accounts();
            mailboxBytes = size == null ? 0 : size("--size", size);
        } catch (UserError e) {
            return ImapferryCommand.fail(err, e);
        }
        ProbeStop stop = new ProbeStop();
        StopOnSignal signal = StopOnSignal.install(stop::request, STOP_WAIT);
        int code = ExitCode.BY_SIGNAL.code();
        try {
            code = probe(accounts, mailboxBytes, stop, out, err);
            return code;
        } finally {
            signal.returned(code);
        }
    }

    int probe(List<ProbeOptions> accounts, long mailboxBytes, ProbeStop stop, PrintWriter out, PrintWriter err) {
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < accounts.size() && !stop.requested(); i++) {
            ProbeOptions options = accounts.get(i);
            int n = i + 1;
            try {
                results.add(new Prober(
                                options,
                                phase -> {
                                    err.println("imapferry probe: "
                                            + options.endpoint().describe() + ": " + phase.label());
                                    err.flush();
                                },
                                stop)
                        .run());
            } catch (AuthenticationFailedException e) {
                return failed(
                        err, n == 1 ? ExitCode.AUTHENTICATION_FAILURE_USER1 : ExitCode.AUTHENTICATION_FAILURE_USER2, e);
            } catch (TlsFailedException e) {
                return failed(err, ExitCode.TLS_FAILURE, e);
            } catch (ReadFolderMissing e) {
                return failed(err, ExitCode.ERR_SELECT, e);
            } catch (ConnectionFailedException | ConnectionClosedException e) {
                return failed(err, n == 1 ? ExitCode.CONNECTION_FAILURE_HOST1 : ExitCode.CONNECTION_FAILURE_HOST2, e);
            }
        }
        if (results.isEmpty()) {
            return ExitCode.BY_SIGNAL.code();
        }
        return report(results, mailboxBytes, stop.requested(), out, err);
    }

    /** Prints the table (and writes --report); a scratch folder left behind is said loudly and fails the run. */
    int report(List<ProbeResult> results, long mailboxBytes, boolean stopped, PrintWriter out, PrintWriter err) {
        Recommendation recommendation =
                Recommender.recommend(results.get(0), results.size() > 1 ? results.get(1) : null, mailboxBytes);
        out.print(ProbeTable.render(results, recommendation));
        out.flush();
        if (report != null) {
            new ProbeReportWriter().write(report, results, recommendation);
            out.println("JSON report is " + report);
            out.flush();
        }
        ExitCode code = stopped ? ExitCode.BY_SIGNAL : ExitCode.OK;
        for (ProbeResult r : results) {
            if (r.scratchLeft()) {
                err.println("imapferry: THE SCRATCH FOLDER \"" + r.scratch().folder() + "\" IS STILL ON "
                        + r.account() + ": it could not be deleted ("
                        + r.scratch().problem()
                        + "). Delete it by hand; it holds only messages the probe generated.");
                code = ExitCode.WITH_ERRORS;
            }
        }
        err.flush();
        return code.code();
    }

    private static int failed(PrintWriter err, ExitCode code, RuntimeException e) {
        err.println("imapferry: " + e.getMessage());
        err.flush();
        return code.code();
    }

    /** host1 always; host2 when given, which then takes the writes. */
    List<ProbeOptions> accounts() {
        if (probeConnections < 1 || probeConnections > 64) {
            throw UserError.usage("--probe-connections " + probeConnections + " must be between 1 and 64");
        }
        if (maxConnections < 1 || maxConnections > 64) {
            throw UserError.usage("--max-connections " + maxConnections + " must be between 1 and 64");
        }
        if (roundTrips < 1 || readMessages < 1 || writeMessages < 1 || phaseSeconds < 1) {
            throw UserError.usage("--round-trips, --read-max-messages, --write-max-messages and --phase-seconds"
                    + " must be at least 1");
        }
        Duration time = Duration.ofSeconds(phaseSeconds);
        PhaseBudget read = new PhaseBudget(size("--read-max-bytes", readBytes), readMessages, time);
        PhaseBudget written = new PhaseBudget(size("--write-max-bytes", writeBytes), writeMessages, time);
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(host1.toEndpoint(passwords, null, allowCleartext, true));
        if (!host2.isEmpty()) {
            endpoints.add(host2.toEndpoint(passwords, null, allowCleartext, true));
        }
        List<ProbeOptions> accounts = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            ProbeOptions o = ProbeOptions.readOnly(endpoints.get(i))
                    .withFolder(i == 0 ? folder : null)
                    .withConnections(probeConnections, maxConnections)
                    .withRoundTrips(roundTrips)
                    .withBudgets(read, written);
            accounts.add(write && i == endpoints.size() - 1 ? o.withWrite() : o);
        }
        return accounts;
    }

    private static long size(String option, String value) {
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(option + ": " + e.getMessage());
        }
    }
}
