package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.engine.state.SyncState;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.junit.jupiter.api.Test;

/** The folder plan's rules, without a server: what is copied, flagged, deleted and forgotten. */
class FolderPlanTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final MessageFilter NO_FILTER = new MessageFilter(null, null, null, null, null, NOW);
    private static final FolderPlan.Rules COPY =
            new FolderPlan.Rules(SyncOptions.FlagSync.SOURCE_CHANGES, false, false, null);
    private static final FolderPlan.Rules DELETE2 =
            new FolderPlan.Rules(SyncOptions.FlagSync.SOURCE_CHANGES, true, false, null);
    private static final FolderPlan.Rules DELETE2_FORCE =
            new FolderPlan.Rules(SyncOptions.FlagSync.SOURCE_CHANGES, true, true, null);

    /** A message of the given key, 100 bytes, a day old, unless said otherwise. */
    private static MessageMeta msg(long uid, String key, String... flags) {
        return sized(uid, key, 100, 1, flags);
    }

    private static MessageMeta sized(long uid, String key, long size, int daysOld, String... flags) {
        return new MessageMeta(
                uid,
                uid,
                Arrays.stream(flags).map(Flag::new).toList(),
                new ImapDateTime(NOW.minusDays(daysOld)),
                size,
                MessageKey.ofText(key, true));
    }

    private static FolderFacts whole(List<MessageMeta> source, List<MessageMeta> target) {
        return withState(source, target, Map.of());
    }

    private static FolderFacts withState(
            List<MessageMeta> source, List<MessageMeta> target, Map<Long, SyncState.MessagePair> known) {
        return new FolderFacts(
                FolderFacts.Side.whole(source, source.size()),
                FolderFacts.Side.whole(target, target.size()),
                known,
                FolderFacts.KnownFlags.NONE,
                Map.of());
    }

    private static Map<Long, SyncState.MessagePair> known(long... sourceTargetPairs) {
        Map<Long, SyncState.MessagePair> known = new LinkedHashMap<>();
        for (int i = 0; i < sourceTargetPairs.length; i += 2) {
            known.put(
                    sourceTargetPairs[i],
                    new SyncState.MessagePair(sourceTargetPairs[i], sourceTargetPairs[i + 1], ""));
        }
        return known;
    }

    private static FolderPlan plan(FolderFacts facts, MessageFilter filter, FolderPlan.Rules rules) {
        return FolderPlan.of(facts, filter, rules, new FlagFilter(SelectedFolder.ABSENT, List.of()));
    }

    private static List<Long> uids(List<MessageMeta> messages) {
        return messages.stream().map(MessageMeta::uid).toList();
    }

    private static MessageFilter maxSize(long bytes) {
        return new MessageFilter(bytes, null, null, null, null, NOW);
    }

    @Test
    void duplicatesAreMatchedAsMultisets() {
        FolderPlan plan =
                plan(whole(List.of(msg(1, "a"), msg(2, "a"), msg(3, "b")), List.of(msg(10, "a"))), NO_FILTER, COPY);

        assertEquals(List.of(2L, 3L), uids(plan.toCopy()), "one a is there, the second a and b are not");
        assertEquals(1, plan.matched().size());
        assertEquals(10L, plan.matched().get(0).getValue().uid());
    }

    @Test
    void aSizeFilterNeverDeletesWhatIsStillOnTheSource() {
        FolderPlan plan = plan(
                whole(List.of(sized(1, "a", 100, 1), sized(2, "b", 50_000, 1)), List.of(msg(10, "a"), msg(11, "b"))),
                maxSize(20_000),
                DELETE2);

        assertEquals(List.of(), plan.deletions());
        assertEquals(List.of(), plan.toCopy());
        assertEquals(1, plan.leftOut());
        assertTrue(plan.refusal().isEmpty());
    }

    @Test
    void anAgeFilterWithForceNeverDeletesWhatIsStillOnTheSource() {
        MessageFilter maxAge = new MessageFilter(null, null, 30.0, null, null, NOW);
        FolderPlan plan = plan(
                whole(
                        List.of(sized(1, "a", 100, 400), sized(2, "b", 100, 200), msg(3, "c")),
                        List.of(msg(10, "a"), msg(11, "b"))),
                maxAge,
                DELETE2_FORCE);

        assertEquals(List.of(), plan.deletions());
        assertEquals(List.of(3L), uids(plan.toCopy()), "only the recent message is copied");
        assertEquals(2, plan.leftOut());
    }

    @Test
    void aSearchFilterNeverDeletesEither() {
        MessageFilter search = new MessageFilter(null, null, null, null, Set.of(1L), NOW);
        FolderPlan plan = plan(whole(List.of(msg(1, "a"), msg(2, "b")), List.of(msg(11, "b"))), search, DELETE2_FORCE);

        assertEquals(List.of(), plan.deletions());
        assertEquals(List.of(1L), uids(plan.toCopy()));
    }

    @Test
    void aTargetMessageNoSourceMessageMatchesIsDeleted() {
        FolderPlan plan = plan(whole(List.of(msg(1, "a")), List.of(msg(10, "a"), msg(11, "x"))), NO_FILTER, DELETE2);

        assertEquals(List.of(new FolderPlan.Deletion(11, FolderPlan.Reason.UNMATCHED)), plan.deletions());
    }

    @Test
    void aDuplicateOnTheTargetBeyondTheSourceCountIsDeleted() {
        FolderPlan plan = plan(
                whole(List.of(msg(1, "a"), msg(2, "b")), List.of(msg(10, "a"), msg(11, "a"), msg(12, "b"))),
                NO_FILTER,
                DELETE2);

        assertEquals(1, plan.deletions().size(), "two a on the target, one on the source");
        assertEquals(FolderPlan.Reason.UNMATCHED, plan.deletions().get(0).reason());
    }

    @Test
    void withoutDelete2NothingIsDeleted() {
        FolderPlan plan = plan(whole(List.of(msg(1, "a")), List.of(msg(10, "a"), msg(11, "x"))), NO_FILTER, COPY);

        assertEquals(List.of(), plan.deletions());
    }

    @Test
    void moreThanHalfOfTheFolderIsRefusedUnlessForced() {
        FolderFacts facts = whole(List.of(msg(1, "a")), List.of(msg(10, "a"), msg(11, "x"), msg(12, "y")));

        FolderPlan guarded = plan(facts, NO_FILTER, DELETE2);
        assertEquals(List.of(), guarded.deletions());
        assertEquals(new FolderPlan.Delete2Refusal(2, 3), guarded.refusal().orElseThrow());
        assertTrue(guarded.notes().contains(guarded.refusal().get().reason()));

        FolderPlan forced = plan(facts, NO_FILTER, DELETE2_FORCE);
        assertEquals(
                List.of(11L, 12L),
                forced.deletions().stream()
                        .map(FolderPlan.Deletion::targetUid)
                        .sorted()
                        .toList());
        assertTrue(forced.refusal().isEmpty());
    }

    @Test
    void exactlyHalfIsAllowed() {
        FolderPlan plan = plan(whole(List.of(msg(1, "a")), List.of(msg(10, "a"), msg(11, "x"))), NO_FILTER, DELETE2);

        assertEquals(1, plan.deletions().size());
        assertTrue(plan.refusal().isEmpty());
    }

    @Test
    void aKnownPairWhoseSourceIsGoneDeletesItsTargetMessage() {
        FolderPlan plan = plan(
                withState(
                        List.of(msg(1, "a"), msg(3, "c")),
                        List.of(msg(11, "a"), msg(12, "b"), msg(13, "c")),
                        known(1, 11, 2, 12, 3, 13)),
                NO_FILTER,
                DELETE2);

        assertEquals(List.of(new FolderPlan.Deletion(12, FolderPlan.Reason.SOURCE_GONE)), plan.deletions());
        assertEquals(Set.of(2L), plan.forgotten());
        assertEquals(List.of(), plan.toCopy());
    }

    @Test
    void aKnownPairWhoseSourceIsGoneIsForgottenButNotDeletedWithoutDelete2() {
        FolderPlan plan = plan(
                withState(List.of(msg(1, "a")), List.of(msg(11, "a"), msg(12, "b")), known(1, 11, 2, 12)),
                NO_FILTER,
                COPY);

        assertEquals(List.of(), plan.deletions());
        assertEquals(Set.of(2L), plan.forgotten());
    }

    @Test
    void aSourceMessageBackUnderANewUidKeepsItsTargetCopy() {
        FolderPlan plan = plan(
                withState(List.of(msg(1, "a"), msg(5, "b")), List.of(msg(11, "a"), msg(12, "b")), known(1, 11, 2, 12)),
                NO_FILTER,
                DELETE2);

        assertEquals(List.of(), plan.deletions());
        assertEquals(List.of(), plan.toCopy());
        assertEquals(5L, plan.matched().get(0).getKey().uid());
        assertEquals(12L, plan.matched().get(0).getValue().uid());
    }

    @Test
    void aTargetMessageTheStateDoesNotKnowIsMatchedAgainstEverySourceMessage() {
        // 13 is a second copy of a, which the source holds once (paired with 11); 14 is a copy of
        // b made by a run that died before recording it; 15 is foreign.
        FolderPlan plan = plan(
                withState(
                        List.of(msg(1, "a"), msg(2, "b"), msg(3, "c")),
                        List.of(msg(11, "a"), msg(12, "c"), msg(13, "a"), msg(14, "b"), msg(15, "x")),
                        known(1, 11, 3, 12)),
                NO_FILTER,
                DELETE2);

        assertEquals(
                List.of(13L, 15L),
                plan.deletions().stream()
                        .map(FolderPlan.Deletion::targetUid)
                        .sorted()
                        .toList());
        assertTrue(plan.deletions().stream().allMatch(d -> d.reason() == FolderPlan.Reason.UNMATCHED));
        assertEquals(List.of(), plan.toCopy());
        assertEquals(1, plan.matched().size());
    }

    @Test
    void aKnownTargetMessageThatVanishedIsCopiedAgain() {
        FolderPlan plan = plan(
                withState(List.of(msg(1, "a"), msg(2, "b")), List.of(msg(11, "a")), known(1, 11, 2, 12)),
                NO_FILTER,
                COPY);

        assertEquals(List.of(2L), uids(plan.toCopy()));
        assertEquals(Set.of(2L), plan.forgotten());
        assertEquals(1, plan.vanishedFromTarget());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("no longer on the target")));
    }

    @Test
    void aKnownTargetMessageFoundUnderANewUidIsPairedNotCopied() {
        FolderPlan plan = plan(
                withState(List.of(msg(1, "a"), msg(2, "b")), List.of(msg(11, "a"), msg(20, "b")), known(1, 11, 2, 12)),
                NO_FILTER,
                DELETE2);

        assertEquals(List.of(), plan.toCopy());
        assertEquals(List.of(), plan.deletions());
        assertEquals(20L, plan.matched().get(0).getValue().uid());
    }

    @Test
    void anIncrementalPassForgetsGoneSourcesOnlyWhenAllFlagsWereRead() {
        Map<Long, SyncState.MessagePair> known = known(1, 11, 2, 12);
        FolderFacts.Side source = FolderFacts.Side.above(List.of(msg(3, "c")), 3);
        FolderFacts.Side target = FolderFacts.Side.above(List.of(), 2);

        FolderPlan all = plan(
                new FolderFacts(
                        source, target, known, new FolderFacts.KnownFlags(Map.of(1L, List.of()), true), Map.of()),
                NO_FILTER,
                COPY);
        assertEquals(Set.of(2L), all.forgotten());
        assertEquals(List.of(3L), uids(all.toCopy()));

        FolderPlan changedOnly = plan(
                new FolderFacts(
                        source, target, known, new FolderFacts.KnownFlags(Map.of(1L, List.of()), false), Map.of()),
                NO_FILTER,
                COPY);
        assertEquals(Set.of(), changedOnly.forgotten(), "CHANGEDSINCE leaves unchanged messages out, not gone ones");
    }

    @Test
    void aPartlyReadTargetLosesTheCopyOfAGoneSourceByTheStatesWord() {
        FolderFacts facts = new FolderFacts(
                FolderFacts.Side.above(List.of(), 1),
                FolderFacts.Side.above(List.of(), 2),
                known(1, 11, 2, 12),
                new FolderFacts.KnownFlags(Map.of(1L, List.of()), true),
                Map.of());

        FolderPlan plan = plan(facts, NO_FILTER, DELETE2);

        assertEquals(List.of(new FolderPlan.Deletion(12, FolderPlan.Reason.SOURCE_GONE)), plan.deletions());
        assertEquals(Set.of(2L), plan.forgotten());
    }

    @Test
    void aPartlyReadSourceNeverCallsATargetMessageUnmatched() {
        FolderFacts facts = new FolderFacts(
                FolderFacts.Side.above(List.of(msg(3, "c")), 3),
                FolderFacts.Side.above(List.of(msg(13, "x")), 3),
                known(1, 11, 2, 12),
                new FolderFacts.KnownFlags(Map.of(1L, List.of(), 2L, List.of()), true),
                Map.of());

        FolderPlan plan = plan(facts, NO_FILTER, DELETE2_FORCE);

        assertEquals(List.of(), plan.deletions());
    }

    @Test
    void sourceFlagChangesOnKnownPairsAreAddedAndRemoved() {
        Map<Long, SyncState.MessagePair> known = Map.of(1L, new SyncState.MessagePair(1, 11, "\\Seen"));
        FolderPlan plan = plan(
                withState(List.of(msg(1, "a", "\\Flagged")), List.of(msg(11, "a", "\\Seen", "$Mine")), known),
                NO_FILTER,
                COPY);

        assertEquals(1, plan.flagUpdates().messages());
        assertEquals(List.of(new SyncState.MessagePair(1, 11, "\\Flagged")), plan.refreshed());
    }

    @Test
    void resyncFlagsMakesTheTargetsFlagsTheSources() {
        FolderPlan.Rules wins = new FolderPlan.Rules(SyncOptions.FlagSync.SOURCE_WINS, false, false, null);
        FolderPlan plan = plan(
                whole(List.of(msg(1, "a", "\\Seen"), msg(2, "b")), List.of(msg(11, "a"), msg(12, "b"))),
                NO_FILTER,
                wins);

        assertEquals(1, plan.flagUpdates().messages(), "only a's flags differ");
    }

    @Test
    void noFlagSyncLeavesKnownFlagsAlone() {
        FolderPlan.Rules none = new FolderPlan.Rules(SyncOptions.FlagSync.NONE, false, false, null);
        Map<Long, SyncState.MessagePair> known = Map.of(1L, new SyncState.MessagePair(1, 11, ""));
        FolderPlan plan =
                plan(withState(List.of(msg(1, "a", "\\Seen")), List.of(msg(11, "a")), known), NO_FILTER, none);

        assertEquals(0, plan.flagUpdates().messages());
        assertEquals(List.of(), plan.refreshed());
    }

    @Test
    void delete1MayRemoveOnlyMatchedMessagesWithinTheFilters() {
        FolderPlan plan = plan(
                whole(
                        List.of(sized(1, "a", 100, 1), sized(2, "b", 50_000, 1), msg(3, "c")),
                        List.of(msg(10, "a"), msg(11, "b"))),
                maxSize(20_000),
                COPY);

        assertEquals(Set.of(1L), plan.confirmed(), "b is on the target but was left out by --maxsize");
        assertEquals(List.of(3L), uids(plan.toCopy()));
    }

    @Test
    void messagesOverTheAppendLimitAreRefusedNotCopied() {
        FolderPlan.Rules limited = new FolderPlan.Rules(SyncOptions.FlagSync.SOURCE_CHANGES, false, false, 1000L);
        FolderPlan plan =
                plan(whole(List.of(sized(1, "a", 100, 1), sized(2, "b", 5000, 1)), List.of()), NO_FILTER, limited);

        assertEquals(List.of(1L), uids(plan.toCopy()));
        assertEquals(List.of(2L), uids(plan.refused()));
    }

    @Test
    void anEmptyTargetGetsEverything() {
        FolderPlan plan = plan(whole(List.of(msg(1, "a"), msg(2, "b")), List.of()), NO_FILTER, DELETE2);

        assertEquals(List.of(1L, 2L), uids(plan.toCopy()));
        assertEquals(List.of(), plan.deletions());
    }
}
