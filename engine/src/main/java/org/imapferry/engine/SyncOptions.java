package org.imapferry.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.imapferry.engine.connection.Endpoint;

/**
 * Everything a migration run needs, with imapsync's option names in the comments.
 * {@link #builder(Endpoint, Endpoint)} gives imapsync's defaults.
 */
public record SyncOptions(
        Endpoint source,
        Endpoint target,
        Folders folders,
        Messages messages,
        Modes modes,
        Pace pace,
        int connections,
        int reconnectMax,
        Path stateFile) {
    /** Lost sessions a run may open again, over all its pairs (--reconnect-max). */
    public static final int RECONNECT_MAX = 20;

    /** Which folders, and what they are called on the target. */
    public record Folders(
            List<String> folder, // --folder: exact source names
            List<String> folderRec, // --folderrec: a folder and everything below it
            List<Pattern> include, // --include
            List<Pattern> exclude, // --exclude
            boolean subscribedOnly, // --subscribed
            List<String> regextrans2, // --regextrans2 's/from/to/flags', in order
            Map<String, String> f1f2, // --f1f2 source=target, exact
            boolean automap, // --automap
            Character sep1,
            Character sep2, // --sep1 / --sep2 override detection
            String prefix1,
            String prefix2, // --prefix1 / --prefix2
            boolean skipEmptyFolders) { // --skipemptyfolders
        public static Folders all() {
            return new Folders(
                    List.of(), List.of(), List.of(), List.of(), false, List.of(), Map.of(), false, null, null, null,
                    null, false);
        }
    }

    /** Which messages, and how they are compared and copied. */
    public record Messages(
            Double maxAgeDays,
            Double minAgeDays, // --maxage / --minage, days (1.5 allowed)
            Long maxSize,
            Long minSize, // --maxsize / --minsize
            String search, // --search: passed to UID SEARCH
            List<String> useHeaders, // --useheader: identity headers
            boolean sizeInIdentity, // --noskipsize (imapsync's --skipsize, the default, leaves it out)
            List<String> regexFlag, // --regexflag 's/from/to/'
            boolean syncInternalDates, // --syncinternaldates (on)
            boolean delete1,
            boolean expunge1, // --delete1 / --expunge1
            boolean delete2,
            boolean delete2Folders,
            boolean forceDelete2,
            FlagSync flagSync) { // --resyncflags / --noresyncflags
        public static Messages defaults() {
            return new Messages(
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of("Message-ID", "Date", "From"),
                    false,
                    List.of(),
                    true,
                    false,
                    false,
                    false,
                    false,
                    false,
                    FlagSync.SOURCE_CHANGES);
        }

        public Messages withDelete2(boolean delete, boolean folders) {
            return new Messages(
                    maxAgeDays,
                    minAgeDays,
                    maxSize,
                    minSize,
                    search,
                    useHeaders,
                    sizeInIdentity,
                    regexFlag,
                    syncInternalDates,
                    delete1,
                    expunge1,
                    delete,
                    folders,
                    forceDelete2,
                    flagSync);
        }

        public Messages withFlagSync(FlagSync sync) {
            return new Messages(
                    maxAgeDays,
                    minAgeDays,
                    maxSize,
                    minSize,
                    search,
                    useHeaders,
                    sizeInIdentity,
                    regexFlag,
                    syncInternalDates,
                    delete1,
                    expunge1,
                    delete2,
                    delete2Folders,
                    forceDelete2,
                    sync);
        }
    }

    /** What happens to the flags of messages already on both sides. */
    public enum FlagSync {
        /** --noresyncflags: leave them alone. */
        NONE,
        /**
         * The default: flags changed on the source since the last run are added or removed on the
         * target, and a flag a user changed on the target is kept (needs the state file).
         */
        SOURCE_CHANGES,
        /** --resyncflags: the source wins; the target's flags become exactly the source's. */
        SOURCE_WINS
    }

    /** What the run does at all. */
    public record Modes(
            boolean dry,
            boolean justConnect,
            boolean justLogin,
            boolean justFolders,
            boolean justFolderSizes,
            int errorsMax) {
        public static Modes copy() {
            return new Modes(false, false, false, false, false, 50);
        }
    }

    /** Pace limits; zero means unlimited. */
    public record Pace(long maxBytesPerSecond, double maxMessagesPerSecond) {
        public static Pace unlimited() {
            return new Pace(0, 0);
        }
    }

    public SyncOptions {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection per account is needed");
        }
        if (reconnectMax < 0) {
            throw new IllegalArgumentException("the reconnection budget cannot be negative");
        }
    }

    public static SyncOptions defaults(Endpoint source, Endpoint target) {
        return new SyncOptions(
                source,
                target,
                Folders.all(),
                Messages.defaults(),
                Modes.copy(),
                Pace.unlimited(),
                3,
                RECONNECT_MAX,
                null);
    }

    public SyncOptions withFolders(Folders f) {
        return new SyncOptions(source, target, f, messages, modes, pace, connections, reconnectMax, stateFile);
    }

    public SyncOptions withMessages(Messages m) {
        return new SyncOptions(source, target, folders, m, modes, pace, connections, reconnectMax, stateFile);
    }

    public SyncOptions withModes(Modes m) {
        return new SyncOptions(source, target, folders, messages, m, pace, connections, reconnectMax, stateFile);
    }

    public SyncOptions withPace(Pace p) {
        return new SyncOptions(source, target, folders, messages, modes, p, connections, reconnectMax, stateFile);
    }

    public SyncOptions withConnections(int n) {
        return new SyncOptions(source, target, folders, messages, modes, pace, n, reconnectMax, stateFile);
    }

    public SyncOptions withReconnectMax(int n) {
        return new SyncOptions(source, target, folders, messages, modes, pace, connections, n, stateFile);
    }

    public SyncOptions withStateFile(Path p) {
        return new SyncOptions(source, target, folders, messages, modes, pace, connections, reconnectMax, p);
    }
}
