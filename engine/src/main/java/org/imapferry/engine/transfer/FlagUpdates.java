package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;

/**
 * Flag changes to make on the target, grouped so that all messages that get the same change share
 * one pipelined {@code UID STORE} (RFC 3501 §6.4.6 with UID, RFC 4315): a thousand changed
 * messages cost a handful of commands, not a thousand round trips.
 */
final class FlagUpdates {
    private record Change(UidStore.Mode mode, Set<Flag> flags) {}

    private final Map<Change, List<Long>> changes = new LinkedHashMap<>();
    private final Set<Long> messages = new HashSet<>();

    /** Replaces the message's flags with exactly these. */
    void replace(long targetUid, List<Flag> flags) {
        add(new Change(UidStore.Mode.REPLACE, Set.copyOf(flags)), targetUid);
    }

    /** Adds and removes flags, leaving the others as they are on the target. */
    void delta(long targetUid, List<Flag> before, List<Flag> now) {
        Set<Flag> added = new HashSet<>(now);
        added.removeAll(before);
        Set<Flag> removed = new HashSet<>(before);
        removed.removeAll(now);
        if (!added.isEmpty()) {
            add(new Change(UidStore.Mode.ADD, Set.copyOf(added)), targetUid);
        }
        if (!removed.isEmpty()) {
            add(new Change(UidStore.Mode.REMOVE, Set.copyOf(removed)), targetUid);
        }
    }

    private void add(Change change, long uid) {
        changes.computeIfAbsent(change, c -> new ArrayList<>()).add(uid);
        messages.add(uid);
    }

    int messages() {
        return messages.size();
    }

    /** Sends every STORE at once and waits for all; returns the failures' messages. */
    List<String> apply(ImapSession target) {
        List<CompletableFuture<CommandResult>> sent = new ArrayList<>();
        for (Map.Entry<Change, List<Long>> e : changes.entrySet()) {
            if (e.getKey().mode() != UidStore.Mode.REPLACE && e.getKey().flags().isEmpty()) {
                continue;
            }
            sent.add(target.submit(ImapCommands.uidStore(
                    SequenceSet.of(e.getValue()),
                    e.getKey().mode(),
                    new ArrayList<>(e.getKey().flags()))));
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<CommandResult> f : sent) {
            try {
                target.await(f, "UID STORE");
            } catch (ImapCommandException e) {
                failures.add(e.getMessage());
            }
        }
        return failures;
    }
}
