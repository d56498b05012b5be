package org.imapferry.cli;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.watch.WatchOptions;
import picocli.CommandLine.Option;

/** imapferry's own options, beyond imapsync's. */
public final class RunOptions {
    @Option(
            names = "--connections",
            paramLabel = "N",
            description =
                    "Connections per account, folders " + "copied in parallel (default 3; Gmail allows 15 in all).")
    int connections = 3;

    @Option(
            names = "--reconnect-max",
            paramLabel = "N",
            description = "Lost connections the run opens again, "
                    + "over all its pairs, waiting 1 s, 2 s, 4 s ... up to 30 s between tries (default 20).")
    int reconnectMax = SyncOptions.RECONNECT_MAX;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "State file (SQLite): UID pairs and "
                    + "UIDVALIDITY, so a second run moves only what changed (default: one file per account pair "
                    + "in the folder .imapferry/state of the home directory).")
    Path state;

    @Option(names = "--no-state", description = "Keep no state: every run compares both sides by message keys.")
    boolean noState;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write a JSON report of the run to FILE " + "(never contains a password).")
    Path report;

    @Option(
            names = "--verify",
            description = "After the copy, prove it: compare every message on both sides "
                    + "by content, flags and date (as 'imapferry verify').")
    boolean verify;

    @Option(names = "--no-progress", description = "No progress bars, even on a terminal.")
    boolean noProgress;

    @Option(
            names = "--allow-cleartext",
            description = "Allow a password over an unencrypted connection "
                    + "to a host other than this machine (refused by default).")
    boolean allowCleartext;

    @Option(
            names = "--watch",
            description = "After the copy, keep host2 in step with host1 until stopped "
                    + "(Ctrl-C, SIGTERM) or --watch-until: new messages, flag changes, new folders, and deletions with "
                    + "--delete2.")
    boolean watch;

    @Option(
            names = "--watch-until",
            paramLabel = "WHEN",
            description = "End --watch at a time (HH:MM, " + "2026-12-01T06:00) or after a duration (30m, 2h).")
    String watchUntil;

    @Option(
            names = "--watch-interval",
            paramLabel = "SECONDS",
            description = "How often --watch looks at "
                    + "host1's folders: its polls without NOTIFY, its check of what NOTIFY told (default 30; 90s, 2m).")
    String watchInterval;

    /** The watch asked for, or null; {@link UserError} when its options are wrong or useless. */
    WatchOptions toWatch(SyncOptions.Modes modes, ZonedDateTime now) {
        if (!watch) {
            for (String given : new String[] {
                watchUntil == null ? null : "--watch-until", watchInterval == null ? null : "--watch-interval"
            }) {
                if (given != null) {
                    throw UserError.usage(given + " needs --watch");
                }
            }
            return null;
        }
        if (modes.dry() || modes.justConnect() || modes.justLogin() || modes.justFolders() || modes.justFolderSizes()) {
            throw UserError.usage("--watch keeps copying after the first pass: it cannot go with --dry, "
                    + "--justconnect, --justlogin, --justfolders or --justfoldersizes");
        }
        return new WatchOptions(
                watchUntil == null ? null : WatchTimes.until(watchUntil, now),
                watchInterval == null ? WatchOptions.DEFAULT_INTERVAL : WatchTimes.interval(watchInterval));
    }
}
