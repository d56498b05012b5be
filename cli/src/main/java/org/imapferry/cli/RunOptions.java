package org.imapferry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** imapferry's own options, beyond imapsync's. */
public final class RunOptions {
    @Option(names = "--connections", paramLabel = "N", description = "Connections per account, folders "
            + "copied in parallel (default 3; Gmail allows 15 in all).")
    int connections = 3;
    @Option(names = "--state", paramLabel = "FILE", description = "State file (SQLite): UID pairs and "
            + "UIDVALIDITY, so a second run moves only what changed (default: one file per account pair "
            + "in the folder .imapferry/state of the home directory).")
    Path state;
    @Option(names = "--no-state", description = "Keep no state: every run compares both sides by message keys.")
    boolean noState;
    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of the run to FILE "
            + "(never contains a password).")
    Path report;
    @Option(names = "--verify", description = "After the copy, prove it: compare every message on both sides "
            + "by content, flags and date (as 'imapferry verify').")
    boolean verify;
    @Option(names = "--no-progress", description = "No progress bars, even on a terminal.")
    boolean noProgress;
    @Option(names = "--allow-cleartext", description = "Allow a password over an unencrypted connection "
            + "to a host other than this machine (refused by default).")
    boolean allowCleartext;
}
