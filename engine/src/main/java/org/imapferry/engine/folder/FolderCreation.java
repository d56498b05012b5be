package org.imapferry.engine.folder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.Subscribe;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;

/**
 * The commands that make the missing target folders, parents first, each level once, and
 * subscribe those subscribed on the source: a plan made without a server ({@link #plan}), then
 * sent at once, pipelined ({@link #send}), so the whole list costs one round trip, not one a
 * command. The server takes
 * pipelined commands in order (RFC 3501 §5.5), so a parent is made before its children.
 */
public final class FolderCreation {
    /** What one command is for. */
    public enum Kind {
        CREATE,
        SUBSCRIBE
    }

    /** One command: CREATE of a level of the pair's target path, or SUBSCRIBE of the target. */
    public record Step(FolderPair pair, MailboxName folder, Kind kind) {}

    private FolderCreation() {}

    /**
     * The steps for the pairs whose target folder is missing, in order. A level already on the
     * target, or made for an earlier pair, is not created again; the personal namespace's own
     * prefix ("INBOX." on some servers) is no folder to create.
     */
    public static List<Step> plan(List<FolderPair> pairs, FolderPlanner.Listing target) {
        char delimiter = target.namespace().delimiter();
        String prefix = target.namespace().prefix().replaceAll(Pattern.quote(String.valueOf(delimiter)) + "$", "");
        Set<MailboxName> existing = new HashSet<>();
        target.folders().forEach(f -> existing.add(f.name()));
        List<Step> steps = new ArrayList<>();
        for (FolderPair pair : pairs) {
            if (pair.targetExists()) {
                continue;
            }
            String name = pair.target().name();
            int at = -1;
            do {
                at = name.indexOf(delimiter, at + 1);
                MailboxName level = MailboxName.of(at < 0 ? name : name.substring(0, at));
                if (!level.name().equals(prefix) && existing.add(level)) {
                    steps.add(new Step(pair, level, Kind.CREATE));
                }
            } while (at >= 0);
            if (pair.source().subscribed()) {
                steps.add(new Step(pair, pair.target(), Kind.SUBSCRIBE));
            }
        }
        return steps;
    }

    /** Sends every step at once, in order, on the target; {@link Sent#notCreated} reads the answers. */
    public static Sent send(ImapSession target, List<Step> steps) {
        List<CompletableFuture<CommandResult>> sent = new ArrayList<>();
        for (Step step : steps) {
            sent.add(target.submit(
                    step.kind() == Kind.CREATE ? ImapCommands.create(step.folder()) : new Subscribe(step.folder())));
        }
        return new Sent(target, steps, sent);
    }

    /** The steps sent, with their answers to come, in the same order. */
    public record Sent(ImapSession target, List<Step> steps, List<CompletableFuture<CommandResult>> answers) {
        /**
         * Waits for every answer. A folder is not created when a CREATE of its path was refused
         * other than with [ALREADYEXISTS]; its first refusal is reported with the server's words,
         * and so is every refused SUBSCRIBE.
         *
         * @return the target folders that could not be created
         */
        public Set<MailboxName> notCreated(List<SyncReport.SyncError> errors) {
            Set<MailboxName> failed = new HashSet<>();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                FolderPair pair = step.pair();
                String source = pair.source().name().name();
                try {
                    target.await(answers.get(i), step.kind().name());
                } catch (ImapCommandException e) {
                    if (step.kind() == Kind.SUBSCRIBE) {
                        errors.add(new SyncReport.SyncError(
                                SyncReport.Kind.FOLDER_CREATE,
                                source,
                                0,
                                "cannot subscribe " + pair.target() + ": " + e.getMessage()));
                    } else if (!e.hasCode(ResponseCode.AlreadyExists.class) && failed.add(pair.target())) {
                        errors.add(new SyncReport.SyncError(
                                SyncReport.Kind.FOLDER_CREATE,
                                source,
                                0,
                                "cannot create " + step.folder() + ": " + e.getMessage()));
                    }
                }
            }
            return failed;
        }
    }
}
