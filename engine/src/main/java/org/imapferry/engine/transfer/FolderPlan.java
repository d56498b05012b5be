package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.identity.KeyMatcher;
import org.imapferry.engine.state.SyncState;
import org.imapferry.protocol.types.Flag;

/**
 * What a folder pass does, decided from what it read and nothing else: no session, no I/O.
 *
 * <p>Known pairs come first. A pair whose source message is gone is dropped, and its target
 * message is one --delete2 may remove; a pair whose target message is gone is dropped, and its
 * source message is matched and copied again like any new one. The messages no valid pair holds
 * are then matched by key as multisets against ALL the source messages read, filtered or not:
 * a filter says what to copy, never what exists, so a message larger than --maxsize keeps its
 * copy on the target. A target message is removed by --delete2 only when its counterpart has
 * left the source or no source message matched it, and only where the source was read whole.
 *
 * @param toCopy     source messages within the filters that the target lacks
 * @param refused    source messages the target lacks and announced it would refuse (APPENDLIMIT)
 * @param matched    source and target messages found to be the same message, to record
 * @param confirmed  source UIDs matched on the target and within the filters (--delete1 may remove them)
 * @param refreshed  known pairs whose recorded source flags changed
 * @param forgotten  source UIDs whose known pairs no longer hold (one side's message is gone)
 * @param refusal    present when the --delete2 guard refused the deletions
 * @param leftOut    source messages the filters leave out
 */
record FolderPlan(
        List<MessageMeta> toCopy,
        List<MessageMeta> refused,
        List<Map.Entry<MessageMeta, MessageMeta>> matched,
        Set<Long> confirmed,
        FlagUpdates flagUpdates,
        List<SyncState.MessagePair> refreshed,
        List<Deletion> deletions,
        Optional<Delete2Refusal> refusal,
        Set<Long> forgotten,
        int leftOut,
        int vanishedFromTarget) {
    /** Without --delete2-force, --delete2 never removes more than this fraction of a folder at once. */
    static final double DELETE2_SAFETY_FRACTION = 0.5;

    /** Why a target message is removed. */
    enum Reason {
        /** The state paired it with a source message that is no longer there. */
        SOURCE_GONE,
        /** No source message has its key (multiset matching against every source message). */
        UNMATCHED
    }

    record Deletion(long targetUid, Reason reason) {}

    /** The --delete2 guard's refusal: a wrong source folder must not empty a mailbox. */
    record Delete2Refusal(int wanted, long targetMessages) {
        String reason() {
            return "--delete2 would remove " + wanted + " of " + targetMessages + " messages on the target;"
                    + " nothing was deleted (more than " + (int) (DELETE2_SAFETY_FRACTION * 100) + "%; force it"
                    + " with --delete2-force)";
        }
    }

    /**
     * The options a plan follows.
     *
     * @param appendLimit the target's APPENDLIMIT (RFC 7889), or null
     */
    record Rules(SyncOptions.FlagSync flagSync, boolean delete2, boolean forceDelete2, Long appendLimit) {
        static Rules of(SyncOptions.Messages m, Long appendLimit) {
            return new Rules(m.flagSync(), m.delete2(), m.forceDelete2(), appendLimit);
        }
    }

    static FolderPlan of(FolderFacts facts, MessageFilter filter, Rules rules, FlagFilter flags) {
        Map<Long, MessageMeta> sourceByUid = byUid(facts.source().messages());
        Map<Long, MessageMeta> targetByUid = byUid(facts.target().messages());
        Set<Long> forgotten = new HashSet<>();
        Set<Long> goneSourceTargets = new HashSet<>();
        List<Deletion> deletions = new ArrayList<>();
        List<SyncState.MessagePair> valid = new ArrayList<>();
        int vanished = 0;
        FolderFacts.KnownFlags knownFlags = facts.knownSourceFlags();
        for (SyncState.MessagePair p : facts.known().values()) {
            boolean sourceHere = facts.source().whole()
                    ? sourceByUid.containsKey(p.sourceUid())
                    : !knownFlags.complete() || knownFlags.flags().containsKey(p.sourceUid());
            boolean targetHere = !facts.target().whole() || targetByUid.containsKey(p.targetUid());
            if (!sourceHere) {
                forgotten.add(p.sourceUid());
                if (facts.target().whole()) {
                    // Left to the matching below: a source message with its key may still claim it.
                    goneSourceTargets.add(p.targetUid());
                } else if (rules.delete2()) {
                    deletions.add(new Deletion(p.targetUid(), Reason.SOURCE_GONE));
                }
            } else if (!targetHere) {
                forgotten.add(p.sourceUid());
                vanished++;
            } else {
                valid.add(p);
            }
        }
        Set<Long> pairedSources = new HashSet<>();
        Set<Long> pairedTargets = new HashSet<>();
        valid.forEach(p -> {
            pairedSources.add(p.sourceUid());
            pairedTargets.add(p.targetUid());
        });
        List<MessageMeta> unknownSources = facts.source().messages().stream()
                .filter(s -> !pairedSources.contains(s.uid()))
                .toList();
        List<MessageMeta> unknownTargets = facts.target().messages().stream()
                .filter(t -> !pairedTargets.contains(t.uid()))
                .toList();
        KeyMatcher.Match<MessageMeta, MessageMeta> match =
                KeyMatcher.match(unknownSources, MessageMeta::key, unknownTargets, MessageMeta::key);

        FlagUpdates updates = new FlagUpdates();
        Set<Long> confirmed = new HashSet<>();
        for (Map.Entry<MessageMeta, MessageMeta> p : match.pairs()) {
            if (!filter.accepts(p.getKey())) {
                continue;
            }
            confirmed.add(p.getKey().uid());
            if (rules.flagSync() == SyncOptions.FlagSync.SOURCE_WINS) {
                List<Flag> wanted = flags.apply(p.getKey().flags());
                if (!sameFlags(wanted, p.getValue().flags())) {
                    updates.replace(p.getValue().uid(), wanted);
                }
            }
        }
        List<SyncState.MessagePair> refreshed = rules.flagSync() == SyncOptions.FlagSync.NONE
                ? List.of()
                : planKnownFlags(facts, valid, sourceByUid, targetByUid, rules, flags, updates);

        List<MessageMeta> toCopy = new ArrayList<>();
        List<MessageMeta> refused = new ArrayList<>();
        for (MessageMeta s : match.sourceOnly()) {
            if (!filter.accepts(s)) {
                continue;
            }
            if (rules.appendLimit() != null && s.size() > rules.appendLimit()) {
                refused.add(s);
            } else {
                toCopy.add(s);
            }
        }
        int leftOut = (int) facts.source().messages().stream()
                .filter(s -> !filter.accepts(s))
                .count();

        if (rules.delete2() && facts.source().whole()) {
            // Only a whole source can say that nothing matches a target message.
            for (MessageMeta t : match.targetOnly()) {
                deletions.add(new Deletion(
                        t.uid(), goneSourceTargets.contains(t.uid()) ? Reason.SOURCE_GONE : Reason.UNMATCHED));
            }
        }
        Optional<Delete2Refusal> refusal = Optional.empty();
        long inFolder = facts.target().messagesInFolder();
        if (!deletions.isEmpty()
                && !rules.forceDelete2()
                && inFolder > 0
                && deletions.size() > DELETE2_SAFETY_FRACTION * inFolder) {
            refusal = Optional.of(new Delete2Refusal(deletions.size(), inFolder));
            deletions = List.of();
        }
        return new FolderPlan(
                toCopy,
                refused,
                match.pairs(),
                confirmed,
                updates,
                refreshed,
                List.copyOf(deletions),
                refusal,
                forgotten,
                leftOut,
                vanished);
    }

    /**
     * Source flag changes on pairs that still hold. By default a change since the last run is
     * applied as additions and removals, so a flag a user changed on the target stays; with
     * --resyncflags the target's flags become the source's.
     */
    private static List<SyncState.MessagePair> planKnownFlags(
            FolderFacts facts,
            List<SyncState.MessagePair> valid,
            Map<Long, MessageMeta> sourceByUid,
            Map<Long, MessageMeta> targetByUid,
            Rules rules,
            FlagFilter flags,
            FlagUpdates updates) {
        List<SyncState.MessagePair> refreshed = new ArrayList<>();
        for (SyncState.MessagePair p : valid) {
            List<Flag> current = facts.source().whole()
                    ? sourceByUid.get(p.sourceUid()).flags()
                    : facts.knownSourceFlags().flags().get(p.sourceUid());
            if (current == null) {
                continue;
            }
            List<Flag> wanted = flags.apply(current);
            List<Flag> before = parseFlags(p.flags());
            if (rules.flagSync() == SyncOptions.FlagSync.SOURCE_WINS) {
                List<Flag> have = facts.target().whole()
                        ? targetByUid.get(p.targetUid()).flags()
                        : facts.knownTargetFlags().get(p.targetUid());
                if (have != null && !sameFlags(wanted, have)) {
                    updates.replace(p.targetUid(), wanted);
                }
            } else if (!sameFlags(before, wanted)) {
                updates.delta(p.targetUid(), before, wanted);
            }
            if (!sameFlags(before, wanted)) {
                refreshed.add(new SyncState.MessagePair(p.sourceUid(), p.targetUid(), formatFlags(wanted)));
            }
        }
        return refreshed;
    }

    /** Notes for the folder's report line. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (leftOut > 0) {
            notes.add(leftOut + " message(s) left out by size, age or search limits");
        }
        if (vanishedFromTarget > 0) {
            notes.add(vanishedFromTarget + " message(s) recorded as copied were no longer on the target:"
                    + " matched again and copied where missing");
        }
        refusal.ifPresent(r -> notes.add(r.reason()));
        return notes;
    }

    private static Map<Long, MessageMeta> byUid(List<MessageMeta> messages) {
        Map<Long, MessageMeta> out = new HashMap<>();
        messages.forEach(m -> out.put(m.uid(), m));
        return out;
    }

    static boolean sameFlags(List<Flag> a, List<Flag> b) {
        Set<Flag> x = new HashSet<>(a);
        Set<Flag> y = new HashSet<>(b);
        x.remove(Flag.RECENT);
        y.remove(Flag.RECENT);
        return x.equals(y);
    }

    static List<Flag> parseFlags(String text) {
        List<Flag> flags = new ArrayList<>();
        for (String f : text.strip().split("\\s+")) {
            if (!f.isEmpty()) {
                flags.add(new Flag(f));
            }
        }
        return flags;
    }

    static String formatFlags(List<Flag> flags) {
        StringBuilder out = new StringBuilder();
        for (Flag f : flags) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(f.value());
        }
        return out.toString();
    }
}
