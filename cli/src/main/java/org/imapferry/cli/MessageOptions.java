package org.imapferry.cli;

import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.SyncOptions;
import picocli.CommandLine.Option;

/** Which messages are copied, how they are identified, and what happens to flags, dates and deletions. */
public final class MessageOptions {
    @Option(
            names = "--maxage",
            paramLabel = "DAYS",
            description = "Only messages younger than DAYS " + "(decimals allowed: 1.5).")
    Double maxAge;

    @Option(names = "--minage", paramLabel = "DAYS", description = "Only messages older than DAYS.")
    Double minAge;

    @Option(names = "--maxsize", paramLabel = "BYTES", description = "Skip messages bigger than BYTES.")
    Long maxSize;

    @Option(
            names = "--appendlimit",
            paramLabel = "BYTES",
            description = "The biggest message host2 takes: " + "bigger ones are skipped, as with --maxsize.")
    Long appendLimit;

    @Option(names = "--minsize", paramLabel = "BYTES", description = "Skip messages smaller than BYTES.")
    Long minSize;

    @Option(
            names = {"--search", "--search1"},
            paramLabel = "CRITERIA",
            description = "IMAP SEARCH criteria selecting " + "host1's messages, for example 'SENTSINCE 1-Jan-2020'.")
    String search;

    @Option(
            names = "--useheader",
            paramLabel = "HEADER",
            description = "Header that identifies a message " + "(repeatable; default Message-ID, Date, From).")
    List<String> useHeader = new ArrayList<>();

    Boolean useSize;

    @Option(
            names = "--regexflag",
            paramLabel = "s/FROM/TO/",
            description = "Rewrite flags (Perl s/// " + "syntax, repeatable), for example 's/\\\\Flagged//g'.")
    List<String> regexFlag = new ArrayList<>();

    boolean syncInternalDates = true;

    @Option(
            names = {"--delete1", "--delete"},
            negatable = true,
            description = "Delete messages from host1 " + "once they are on host2 (a move).")
    boolean delete1;
    /** Null when not given: --delete1 and the Gmail preset then imply it, as in imapsync. */
    Boolean expunge1;

    @Option(
            names = "--delete2",
            negatable = true,
            description = "Delete messages on host2 that are not on " + "host1 (a strict mirror).")
    boolean delete2;

    @Option(
            names = "--delete2-force",
            description = "Let --delete2 remove more than half of a folder's "
                    + "messages in one run (refused by default: a wrong folder mapping must not empty a mailbox).")
    boolean forceDelete2;

    @Option(
            names = "--delete2folders",
            negatable = true,
            description = "Delete folders on host2 that are not on host1 " + "(never INBOX).")
    boolean delete2Folders;

    SyncOptions.FlagSync flagSync = SyncOptions.FlagSync.SOURCE_CHANGES;

    @Option(
            names = {"--expunge1", "--expunge"},
            negatable = true,
            description = "Expunge host1's folders "
                    + "after the sync (implied by --delete1; --noexpunge1 leaves the deleted messages marked).")
    void expunge1(boolean v) {
        expunge1 = v;
    }

    @Option(names = "--noregexflag", description = "Cancel the --regexflag rules given before it.")
    void noRegexFlag(boolean v) {
        if (v) {
            regexFlag.clear();
        }
    }

    @Option(
            names = "--skipsize",
            negatable = true,
            description = "Leave size out of a message's identity " + "(the default); --noskipsize puts it in.")
    void skipSize(boolean v) {
        useSize = !v;
    }

    @Option(
            names = "--syncinternaldates",
            negatable = true,
            description = "Keep each message's received date "
                    + "(the default); --nosyncinternaldates lets host2 date messages with the copy time.")
    void syncInternalDates(boolean v) {
        syncInternalDates = v;
    }

    @Option(
            names = "--resyncflags",
            negatable = true,
            description = "Make the flags of messages already on host2 exactly host1's, undoing flag changes"
                    + " made on host2; --noresyncflags leaves them alone. By default only flags changed on host1"
                    + " since the last run are carried over, and changes made on host2 are kept.")
    void resyncFlags(boolean v) {
        flagSync = v ? SyncOptions.FlagSync.SOURCE_WINS : SyncOptions.FlagSync.NONE;
    }

    public SyncOptions.Messages toMessages(ProviderPresets.Defaults preset) {
        nonNegative("--maxage", maxAge);
        nonNegative("--minage", minAge);
        nonNegative("--maxsize", maxSize);
        nonNegative("--minsize", minSize);
        if (maxAge != null && minAge != null && minAge > maxAge) {
            throw UserError.usage(
                    "--minage " + days(minAge) + " is above --maxage " + days(maxAge) + ": no message could match");
        }
        for (String rule : regexFlag) {
            UserError.checkSubstitution("--regexflag", rule);
        }
        SyncOptions.Messages d = SyncOptions.Messages.defaults();
        List<String> headers = !useHeader.isEmpty()
                ? List.copyOf(useHeader)
                : !preset.useHeaders().isEmpty() ? preset.useHeaders() : d.useHeaders();
        Long max = maxSize != null ? maxSize : preset.maxSize();
        nonNegative("--appendlimit", appendLimit);
        if (appendLimit != null) {
            max = max == null ? appendLimit : Math.min(max, appendLimit);
        }
        // imapsync's --skipsize (the default) leaves size out of the identity, --noskipsize puts it in.
        boolean sizeInIdentity = useSize != null ? useSize : d.sizeInIdentity();
        return new SyncOptions.Messages(
                maxAge,
                minAge,
                max,
                minSize,
                search,
                headers,
                sizeInIdentity,
                List.copyOf(regexFlag),
                syncInternalDates,
                delete1,
                expunge1 != null ? expunge1 : delete1 || preset.expunge1(),
                delete2,
                delete2Folders,
                forceDelete2,
                flagSync);
    }

    private static String days(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void nonNegative(String option, Number n) {
        if (n != null && (n.doubleValue() < 0 || Double.isNaN(n.doubleValue()))) {
            throw UserError.usage(option + " " + n + " must not be negative");
        }
    }
}
