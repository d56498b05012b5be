package org.imapferry.cli;

import java.nio.file.Path;
import org.imapferry.engine.SyncOptions;
import picocli.CommandLine.Option;

/** What the run does at all, and where it logs. */
public final class ModeOptions {
    @Option(
            names = "--dry",
            negatable = true,
            description = "Do nothing on host2 (nor host1): report what " + "would be done.")
    boolean dry;

    @Option(
            names = {"--justconnect", "--justbanner"},
            negatable = true,
            description = "Connect to both " + "servers, show their greeting and capabilities, exit.")
    boolean justConnect;

    @Option(names = "--justlogin", negatable = true, description = "Log in to both accounts, then exit.")
    boolean justLogin;

    @Option(
            names = "--justfolders",
            negatable = true,
            description = "Create the folders on host2, copy no " + "message.")
    boolean justFolders;

    @Option(
            names = "--justfoldersizes",
            negatable = true,
            description = "Show the folders' sizes on both " + "sides, then exit.")
    boolean justFolderSizes;

    @Option(names = "--errorsmax", paramLabel = "N", description = "Stop after N errors (default 50).")
    int errorsMax = 50;

    @Option(
            names = "--logfile",
            paramLabel = "FILE",
            description = "Log to FILE (default " + "LOG_imapferry/<date>_<user1>_<user2>.txt).")
    Path logFile;

    @Option(
            names = "--logdir",
            paramLabel = "DIR",
            description =
                    "Directory of the log file (default " + "LOG_imapferry); a relative --logfile is taken inside it.")
    Path logDir;

    boolean noLog;

    @Option(names = "--nolog", description = "Write no log file.")
    void noLog(boolean v) {
        if (v) {
            noLog = true;
        }
    }

    @Option(names = "--log", description = "Write a log file (the default).")
    void log(boolean v) {
        if (v) {
            noLog = false;
        }
    }

    /** The log file, or null for the default one (in --logdir when given). */
    Path logFile(String user1, String user2) {
        if (logDir == null) {
            return logFile;
        }
        return logDir.resolve(
                logFile != null ? logFile : RunLog.defaultPath(user1, user2).getFileName());
    }

    public SyncOptions.Modes toModes() {
        if (errorsMax < 1) {
            throw UserError.usage("--errorsmax " + errorsMax + " must be at least 1");
        }
        if (noLog && logFile != null) {
            throw UserError.usage("--logfile and --nolog contradict each other");
        }
        return new SyncOptions.Modes(dry, justConnect, justLogin, justFolders, justFolderSizes, errorsMax);
    }
}
