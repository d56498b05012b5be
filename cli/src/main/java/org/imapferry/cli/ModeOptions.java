package org.imapferry.cli;

import java.nio.file.Path;
import org.imapferry.engine.SyncOptions;
import picocli.CommandLine.Option;

/** What the run does at all, and where it logs. */
public final class ModeOptions {
    @Option(names = "--dry", description = "Do nothing on host2 (nor host1): report what would be done.")
    boolean dry;
    @Option(names = "--justconnect", description = "Connect to both servers, show their capabilities, exit.")
    boolean justConnect;
    @Option(names = "--justlogin", description = "Log in to both accounts, then exit.")
    boolean justLogin;
    @Option(names = "--justfolders", description = "Create the folders on host2, copy no message.")
    boolean justFolders;
    @Option(names = "--justfoldersizes", description = "Show the folders' sizes on both sides, then exit.")
    boolean justFolderSizes;
    @Option(names = "--errorsmax", paramLabel = "N", description = "Stop after N errors (default 50).")
    int errorsMax = 50;
    @Option(names = "--logfile", paramLabel = "FILE", description = "Log to FILE (default "
            + "LOG_imapferry/<date>_<user1>_<user2>.txt).")
    Path logFile;
    @Option(names = "--nolog", description = "Write no log file.")
    boolean noLog;

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
