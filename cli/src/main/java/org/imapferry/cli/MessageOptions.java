package org.imapferry.cli;

import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.SyncOptions;
import picocli.CommandLine.Option;

/** Which messages are copied, how they are identified, and what happens to flags, dates and deletions. */
public final class MessageOptions {
    @Option(names = "--maxage", paramLabel = "DAYS", description = "Only messages younger than DAYS.")
    Integer maxAge;
    @Option(names = "--minage", paramLabel = "DAYS", description = "Only messages older than DAYS.")
    Integer minAge;
    @Option(names = "--maxsize", paramLabel = "BYTES", description = "Skip messages bigger than BYTES.")
    Long maxSize;
    @Option(names = "--minsize", paramLabel = "BYTES", description = "Skip messages smaller than BYTES.")
    Long minSize;
    @Option(names = "--search", paramLabel = "CRITERIA", description = "IMAP SEARCH criteria selecting "
            + "host1's messages, e.g. 'SENTSINCE 1-Jan-2020'.")
    String search;
    @Option(names = "--useheader", paramLabel = "HEADER", description = "Header that identifies a message "
            + "(repeatable; default Message-ID, Date, From).")
    List<String> useHeader = new ArrayList<>();
    Boolean useSize;
    @Option(names = "--regexflag", paramLabel = "s/FROM/TO/", description = "Rewrite flags (Perl s/// "
            + "syntax, repeatable), e.g. 's/\\\\Flagged//g'.")
    List<String> regexFlag = new ArrayList<>();
    boolean syncInternalDates = true;
    @Option(names = "--delete1", description = "Delete messages from host1 once they are on host2 (a move).")
    boolean delete1;
    @Option(names = "--expunge1", description = "Expunge host1's folders after the sync.")
    boolean expunge1;
    @Option(names = "--delete2", description = "Delete messages on host2 that are not on host1 (a strict "
            + "mirror).")
    boolean delete2;
    @Option(names = "--delete2-force", description = "Let --delete2 remove more than half of a folder's "
            + "messages in one run (refused by default: a wrong folder mapping must not empty a mailbox).")
    boolean forceDelete2;
    @Option(names = "--delete2folders", description = "Delete folders on host2 that are not on host1 "
            + "(never INBOX).")
    boolean delete2Folders;
    SyncOptions.FlagSync flagSync = SyncOptions.FlagSync.SOURCE_CHANGES;

    @Option(names = "--skipsize", description = "Size is not part of a message's identity (the default).")
    void skipSize(boolean v) {
        useSize = false;
    }

    @Option(names = "--noskipsize", description = "Size is part of a message's identity.")
    void noSkipSize(boolean v) {
        useSize = true;
    }

    @Option(names = "--syncinternaldates", description = "Keep each message's received date (the default).")
    void syncInternalDates(boolean v) {
        syncInternalDates = true;
    }

    @Option(names = "--nosyncinternaldates", description = "Let host2 date messages with the copy time.")
    void noSyncInternalDates(boolean v) {
        syncInternalDates = false;
    }

    @Option(names = "--resyncflags", description = "Make the flags of messages already on host2 exactly "
            + "host1's, undoing flag changes made on host2. By default only flags changed on host1 since the "
            + "last run are carried over, and changes made on host2 are kept.")
    void resyncFlags(boolean v) {
        flagSync = SyncOptions.FlagSync.SOURCE_WINS;
    }

    @Option(names = "--noresyncflags", description = "Leave the flags of messages already on host2 alone.")
    void noResyncFlags(boolean v) {
        flagSync = SyncOptions.FlagSync.NONE;
    }

    public SyncOptions.Messages toMessages(ProviderPresets.Defaults preset) {
        nonNegative("--maxage", maxAge);
        nonNegative("--minage", minAge);
        nonNegative("--maxsize", maxSize);
        nonNegative("--minsize", minSize);
        if (maxAge != null && minAge != null && minAge > maxAge) {
            throw UserError.usage("--minage " + minAge + " is above --maxage " + maxAge
                    + ": no message could match");
        }
        for (String rule : regexFlag) {
            UserError.checkSubstitution("--regexflag", rule);
        }
        SyncOptions.Messages d = SyncOptions.Messages.defaults();
        List<String> headers = !useHeader.isEmpty() ? List.copyOf(useHeader)
                : !preset.useHeaders().isEmpty() ? preset.useHeaders() : d.useHeaders();
        Long max = maxSize != null ? maxSize : preset.maxSize();
        // imapsync's --skipsize (the default) leaves size out of the identity, --noskipsize puts it in.
        boolean sizeInIdentity = useSize != null ? useSize : d.sizeInIdentity();
        return new SyncOptions.Messages(maxAge, minAge, max, minSize, search, headers, sizeInIdentity,
                List.copyOf(regexFlag), syncInternalDates, delete1, expunge1 || delete1 || preset.expunge1(),
                delete2, delete2Folders, forceDelete2, flagSync);
    }

    private static void nonNegative(String option, Number n) {
        if (n != null && n.longValue() < 0) {
            throw UserError.usage(option + " " + n + " must not be negative");
        }
    }
}
