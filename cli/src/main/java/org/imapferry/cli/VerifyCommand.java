package org.imapferry.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.folder.FolderCollisionException;
import org.imapferry.engine.verify.Verifier;
import org.imapferry.engine.verify.VerifyOptions;
import org.imapferry.engine.verify.VerifyReport;
import org.imapferry.protocol.types.Flag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imapferry verify}: with the same endpoint, selection and mapping options as a
 * migration, proves that every selected message is on the target, byte for byte, with its
 * flags and date. Read-only on both sides.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        abbreviateSynopsis = true,
        description = {
            "Compares host1 and host2 message by message (SHA-256 of the bytes, flags, INTERNALDATE) "
                    + "and lists every difference. Changes nothing on either side.",
            "Exit code 0 only when nothing differs; 121 when differences were found."
        })
public final class VerifyCommand extends ImapferryCommand {
    @Option(names = "--ignore-dates", description = "Do not compare INTERNALDATE.")
    boolean ignoreDates;

    @Option(
            names = "--ignore-flag",
            paramLabel = "FLAG",
            description = "A flag or keyword left out of the comparison (repeatable).")
    List<String> ignoredFlags = new ArrayList<>();

    @Option(
            names = "--skip-leading-header",
            paramLabel = "FIELD",
            description = "A header field the target's server adds on delivery (Received, Return-Path, "
                    + "Delivered-To...): its leading lines are left out of the content comparison (repeatable).")
    List<String> skipLeadingHeaders = new ArrayList<>();

    VerifyOptions verifyOptions() {
        List<Flag> flags = new ArrayList<>();
        for (String f : ignoredFlags) {
            try {
                flags.add(new Flag(f));
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--ignore-flag " + f + ": " + e.getMessage());
            }
        }
        return new VerifyOptions(ignoreDates, flags, skipLeadingHeaders);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SyncOptions options;
        VerifyOptions verify;
        try {
            options = toSyncOptions(passwords);
            verify = verifyOptions();
        } catch (UserError e) {
            return fail(spec.commandLine().getErr(), e);
        }
        try {
            return exitCode(verify(options, verify, out)).code();
        } catch (FolderCollisionException e) {
            out.println("imapferry: " + e.getMessage());
            out.flush();
            return ExitCode.ofFailure(e).code();
        }
    }

    /** Compares both sides and prints the result. */
    static VerifyReport verify(SyncOptions options, VerifyOptions verify, PrintWriter out) {
        VerifyReport report = new Verifier(options, verify).run();
        out.print(new VerifyPrinter().print(report));
        out.flush();
        return report;
    }

    static ExitCode exitCode(VerifyReport report) {
        if (!report.errors().isEmpty() && report.folders().isEmpty()) {
            return ExitCode.CONNECTION_FAILURE;
        }
        return report.clean() ? ExitCode.OK : ExitCode.VERIFY_DIFFERENCES;
    }
}
