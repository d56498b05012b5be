package org.imapferry.engine.transfer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.folder.SubstitutionRule;
import org.imapferry.engine.identity.KeyMatcher;
import org.imapferry.engine.state.FolderState;
import org.imapferry.engine.state.MailboxStatus;
import org.imapferry.engine.state.SyncState;
import org.imapferry.protocol.command.Expunge;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.command.UidExpunge;
import org.imapferry.protocol.command.UidSearch;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.command.Unselect;
import org.imapferry.protocol.response.SearchData;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one folder. The source is EXAMINEd (SELECTed only for --delete1) and the target
 * SELECTed; a metadata pass on both sides and a multiset match of message keys decide what to
 * copy; the bodies stream through a {@link MessageRelay}; then flags and deletions are applied
 * with pipelined STOREs.
 *
 * <p>With a state from a completed earlier run and unchanged UIDVALIDITY on both sides the pass
 * is incremental: only source messages above the highest UID handled are fetched, flag changes
 * come from CHANGEDSINCE where CONDSTORE exists, and only target messages the state does not know
 * are matched against them (so a message copied by a run that died before it could record it is
 * found, not copied twice). Source flag changes are applied to the target as additions and
 * removals, so a flag a user changed on the target is kept unless --resyncflags asks for the
 * source to win.
 */
public final class FolderTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(FolderTransfer.class);
    /** Without --force, --delete2 never removes more than this fraction of a folder at once. */
    static final double DELETE2_SAFETY_FRACTION = 0.5;

    private final ImapSession source;
    private final ImapSession target;
    private final SyncOptions options;
    private final SyncListener listener;
    private final List<SyncReport.SyncError> errors;
    private final SyncState state;
    private final RateGovernor governor;
    private final SliceQueue slices;

    public FolderTransfer(ImapSession source, ImapSession target, SyncOptions options, SyncListener listener,
                          List<SyncReport.SyncError> errors, SyncState state, RateGovernor governor,
                          SliceQueue slices) {
        this.governor = governor;
        this.slices = slices;
        this.source = source;
        this.target = target;
        this.options = options;
        this.listener = listener;
        this.errors = errors;
        this.state = state;
    }

    public SyncReport.FolderReport run(FolderPair pair) {
        Instant started = Instant.now();
        String from = pair.source().name().name();
        String to = pair.target().name();
        List<String> notes = new ArrayList<>();
        SyncOptions.Messages m = options.messages();
        boolean writeSource = m.delete1() && !options.modes().dry();
        SelectedFolder src = SelectedFolder.open(source, pair.source().name(), !writeSource);
        SelectedFolder dst = SelectedFolder.open(target, pair.target(), false);

        FolderState previous = state == null ? null : state.folder(from, to);
        boolean incremental = previous != null && previous.source().uidValidity() == src.uidValidity()
                && previous.target().uidValidity() == dst.uidValidity();
        if (previous != null && !incremental) {
            if (!options.modes().dry()) {
                state.reset(from, to);
            }
            notes.add("UIDVALIDITY changed since the last run: the folder was matched again by message keys");
        }
        Map<Long, SyncState.MessagePair> known = incremental ? state.pairs(from, to) : Map.of();
        long highestHandled = incremental ? previous.highestSourceUid() : 0;
        long lastKnownTarget = known.values().stream().mapToLong(SyncState.MessagePair::targetUid).max().orElse(0);

        MetadataPass metadata = new MetadataPass(m.useHeaders(), m.sizeInIdentity());
        List<MessageMeta> sourceNew = metadata.fetchFrom(source, src.exists(), highestHandled + 1);
        List<MessageMeta> targetUnknown = metadata.fetchFrom(target, dst.exists(), lastKnownTarget + 1);
        long highestSeen = Math.max(highestHandled, sourceNew.stream().mapToLong(MessageMeta::uid).max().orElse(0));

        List<MessageMeta> candidates = select(sourceNew, notes);
        KeyMatcher.Match<MessageMeta, MessageMeta> match =
                KeyMatcher.match(candidates, MessageMeta::key, targetUnknown, MessageMeta::key);
        List<MessageMeta> toCopy = withinAppendLimit(match.sourceOnly(), from);
        int refusedBySize = match.sourceOnly().size() - toCopy.size();
        FlagFilter flags = new FlagFilter(dst, m.regexFlag().stream().map(SubstitutionRule::parse).toList());

        FlagUpdates flagUpdates = new FlagUpdates();
        Set<Long> sourceGone = new HashSet<>();
        if (incremental && (m.flagSync() != SyncOptions.FlagSync.NONE || m.delete2())) {
            planKnown(from, to, known, previous, src, flags, flagUpdates, sourceGone);
        } else if (m.flagSync() == SyncOptions.FlagSync.SOURCE_WINS) {
            for (Map.Entry<MessageMeta, MessageMeta> p : match.pairs()) {
                List<Flag> wanted = flags.apply(p.getKey().flags());
                if (!sameFlags(wanted, p.getValue().flags())) {
                    flagUpdates.replace(p.getValue().uid(), wanted);
                }
            }
        }
        List<Long> toDelete = m.delete2() ? deletions(known, sourceGone, match.targetOnly(), dst, notes, from)
                : List.of();

        long found = incremental ? src.exists() : sourceNew.size();
        long bytesFound = sourceNew.stream().mapToLong(x -> Math.max(0, x.size())).sum();
        long toCopyBytes = toCopy.stream().mapToLong(x -> Math.max(0, x.size())).sum();
        listener.folderStarted(from, to, toCopy.size(), toCopyBytes);
        if (options.modes().dry()) {
            notes.add("dry run: " + toCopy.size() + " message(s) would be copied, " + flagUpdates.messages()
                    + " flag update(s), " + toDelete.size() + " deletion(s) on the target");
            return finish(from, to, found, bytesFound, toCopy.size(), 0, found - toCopy.size(), flagUpdates.messages(),
                    toDelete.size(), 0, pair, started, notes);
        }

        MessageRelay.Result copied = copy(pair, toCopy, flags, src.uidValidity(), notes);
        record(from, to, match.pairs(), copied, toCopy, flags, metadata, dst);
        for (String failure : flagUpdates.apply(target)) {
            errors.add(new SyncReport.SyncError(SyncReport.Kind.FLAGS, from, 0, failure));
        }
        long deleted = expunge(target, toDelete, from);
        if (incremental) {
            known.values().stream().filter(p -> sourceGone.contains(p.sourceUid()))
                    .forEach(p -> state.forget(from, to, p.sourceUid()));
        }
        if (writeSource) {
            deleteFromSource(copied, match.pairs(), from);
        }
        if (!copied.vanished.isEmpty()) {
            notes.add(copied.vanished.size() + " message(s) disappeared from the source during the copy");
        }
        if (!flags.dropped().isEmpty()) {
            notes.add("keywords the target cannot store were not copied: " + String.join(" ", flags.dropped()));
        }
        for (Map.Entry<Long, String> f : copied.failed.entrySet()) {
            errors.add(new SyncReport.SyncError(kindOf(f.getValue()), from, f.getKey(), f.getValue()));
        }
        if (copied.connectionFailure != null) {
            throw new FolderTransferException(from, copied.connectionFailure, copied.copied.size(), copied.bytesCopied);
        }
        if (state != null && copied.failed.isEmpty() && refusedBySize == 0) {
            // The source as EXAMINE saw it before anything was read: a message that arrived
            // since changes UIDNEXT, so the next run cannot skip this folder and miss it.
            state.completed(from, to, new FolderState(src.status(), targetStatus(pair), highestSeen));
        }
        return finish(from, to, found, bytesFound, copied.copied.size(), copied.bytesCopied,
                found - toCopy.size() - refusedBySize, flagUpdates.messages(), deleted,
                copied.failed.size() + refusedBySize, pair, started, notes);
    }

    private SyncReport.FolderReport finish(String from, String to, long found, long bytesFound, long copied,
                                           long bytesCopied, long skipped, long flagsUpdated, long deleted,
                                           long failed, FolderPair pair, Instant started, List<String> notes) {
        SyncReport.FolderReport report = new SyncReport.FolderReport(from, to, found, bytesFound, copied, bytesCopied,
                skipped, flagsUpdated, deleted, failed, !pair.targetExists(), Duration.between(started, Instant.now()),
                notes);
        listener.folderFinished(report);
        return report;
    }

    /**
     * Copies the list on this pair, or, when it is large enough to be worth sharing, cuts it by
     * UID range and offers all but the first slice to idle pairs. A slice no pair took is
     * withdrawn and copied here too; the method returns only when every slice is settled, so
     * what is recorded next, and any rerun of the folder, sees everything the helpers did.
     */
    private MessageRelay.Result copy(FolderPair pair, List<MessageMeta> toCopy, FlagFilter flags, long uidValidity,
                                     List<String> notes) {
        PairCopier copier = new PairCopier(source, target, options, listener, errors, governor);
        List<List<MessageMeta>> parts = Slice.cut(toCopy, slices.pairs());
        if (parts.size() == 1) {
            return copier.copy(pair, toCopy, flags);
        }
        List<Slice> offered = new ArrayList<>();
        for (List<MessageMeta> part : parts.subList(1, parts.size())) {
            Slice slice = new Slice(pair, part, flags, uidValidity);
            offered.add(slice);
            slices.offer(slice);
        }
        boolean settled = false;
        try {
            MessageRelay.Result result = copier.copy(pair, parts.get(0), flags);
            List<Slice> taken = new ArrayList<>();
            for (Slice slice : offered) {
                if (!slices.withdraw(slice)) {
                    taken.add(slice);
                } else if (result.connectionFailure == null) {
                    PairCopier.merge(result, copier.copy(pair, slice.messages(), flags));
                }
            }
            int helped = 0;
            for (Slice slice : taken) {
                Optional<Slice.Copied> done;
                try {
                    done = slice.await();
                } catch (FolderTransferException e) {
                    // The helper's connection failed: the folder fails as if this pair's had,
                    // once everything else is merged and recorded.
                    if (result.connectionFailure == null) {
                        result.connectionFailure = e.getCause();
                    }
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FolderTransferException(pair.source().name().name(), e);
                }
                if (done.isPresent()) {
                    PairCopier.merge(result, done.get().result());
                    errors.addAll(done.get().errors());
                    helped++;
                } else if (result.connectionFailure == null) {
                    PairCopier.merge(result, copier.copy(pair, slice.messages(), flags));
                }
            }
            settled = true;
            notes.add("split by UID range into " + parts.size() + " slices; " + helped
                    + " copied by other connection pairs");
            return result;
        } finally {
            if (!settled) {
                offered.forEach(this::settle);
            }
        }
    }

    /** After a failure here: no slice may still be waiting, or running, once the folder is given up. */
    private void settle(Slice slice) {
        if (slices.withdraw(slice)) {
            return;
        }
        try {
            slice.await();
        } catch (RuntimeException | InterruptedException e) {
            LOG.debug("a helper of {} failed after the folder did: {}", slice.pair().source().name(), e.toString());
        }
    }

    /**
     * Source flag changes on known messages, and which known messages left the source. With
     * CONDSTORE and nothing to delete, only messages changed since the last run's mod-sequence are
     * fetched; otherwise the flags of every known message, which also shows which are gone. With
     * --noresyncflags only the last matters (for --delete2), and no flag is touched.
     */
    private void planKnown(String from, String to, Map<Long, SyncState.MessagePair> known, FolderState previous,
                           SelectedFolder src, FlagFilter flags, FlagUpdates updates, Set<Long> gone) {
        if (known.isEmpty()) {
            return;
        }
        SyncOptions.Messages m = options.messages();
        boolean changedOnly = source.has(Capability.CONDSTORE) && previous.source().highestModSeq() > 0
                && src.highestModSeq() > 0 && !m.delete2() && m.flagSync() != SyncOptions.FlagSync.SOURCE_WINS;
        Map<Long, List<Flag>> now = FlagsPass.fetch(source, previous.highestSourceUid(),
                changedOnly ? previous.source().highestModSeq() : null);
        Map<Long, List<Flag>> onTarget = m.flagSync() == SyncOptions.FlagSync.SOURCE_WINS
                ? FlagsPass.fetch(target, known.values().stream().mapToLong(SyncState.MessagePair::targetUid).max()
                        .orElse(0), null)
                : Map.of();
        for (SyncState.MessagePair p : known.values()) {
            List<Flag> current = now.get(p.sourceUid());
            if (current == null) {
                if (!changedOnly) {
                    gone.add(p.sourceUid());
                }
                continue;
            }
            if (m.flagSync() == SyncOptions.FlagSync.NONE) {
                continue;
            }
            List<Flag> wanted = flags.apply(current);
            if (m.flagSync() == SyncOptions.FlagSync.SOURCE_WINS) {
                List<Flag> have = onTarget.get(p.targetUid());
                if (have != null && !sameFlags(wanted, have)) {
                    updates.replace(p.targetUid(), wanted);
                }
            } else {
                List<Flag> before = parseFlags(p.flags());
                if (!sameFlags(before, wanted)) {
                    updates.delta(p.targetUid(), before, wanted);
                }
            }
            if (!sameFlags(parseFlags(p.flags()), wanted) && !options.modes().dry()) {
                state.pair(from, to, new SyncState.MessagePair(p.sourceUid(), p.targetUid(), formatFlags(wanted)));
            }
        }
    }

    /**
     * --delete2: target messages whose source is gone, and target messages no source message
     * matched. Refused past {@link #DELETE2_SAFETY_FRACTION} of the folder unless forced: a wrong
     * source folder must not empty a mailbox.
     */
    private List<Long> deletions(Map<Long, SyncState.MessagePair> known, Set<Long> sourceGone,
                                 List<MessageMeta> unmatchedOnTarget, SelectedFolder dst, List<String> notes,
                                 String folder) {
        List<Long> uids = new ArrayList<>();
        for (SyncState.MessagePair p : known.values()) {
            if (sourceGone.contains(p.sourceUid())) {
                uids.add(p.targetUid());
            }
        }
        unmatchedOnTarget.forEach(t -> uids.add(t.uid()));
        if (!uids.isEmpty() && !options.messages().forceDelete2() && dst.exists() > 0
                && uids.size() > DELETE2_SAFETY_FRACTION * dst.exists()) {
            String why = "--delete2 would remove " + uids.size() + " of " + dst.exists() + " messages on the target;"
                    + " nothing was deleted (more than " + (int) (DELETE2_SAFETY_FRACTION * 100) + "%; force it"
                    + " with --delete2-force)";
            notes.add(why);
            errors.add(new SyncReport.SyncError(SyncReport.Kind.EXPUNGE, folder, 0, why));
            return List.of();
        }
        return uids;
    }

    /** Marks messages \Deleted and expunges exactly them (UID EXPUNGE, RFC 4315 §2.1) where possible. */
    private long expunge(ImapSession session, List<Long> uids, String folder) {
        if (uids.isEmpty()) {
            return 0;
        }
        SequenceSet set = SequenceSet.of(uids);
        try {
            session.run(new UidStore(set, UidStore.Mode.ADD, true, List.of(Flag.DELETED), null));
            session.run(session.has(Capability.UIDPLUS) ? new UidExpunge(set) : new Expunge());
            return uids.size();
        } catch (ImapCommandException e) {
            errors.add(new SyncReport.SyncError(SyncReport.Kind.EXPUNGE, folder, 0, e.getMessage()));
            return 0;
        }
    }

    /** --delete1: what is now on the target leaves the source (moved, not copied). */
    private void deleteFromSource(MessageRelay.Result copied, List<Map.Entry<MessageMeta, MessageMeta>> matched,
                                  String folder) {
        List<Long> uids = new ArrayList<>(copied.copied.keySet());
        matched.forEach(p -> uids.add(p.getKey().uid()));
        if (uids.isEmpty()) {
            return;
        }
        try {
            SequenceSet set = SequenceSet.of(uids);
            source.run(new UidStore(set, UidStore.Mode.ADD, true, List.of(Flag.DELETED), null));
            if (options.messages().expunge1()) {
                source.run(source.has(Capability.UIDPLUS) ? new UidExpunge(set) : new Expunge());
            }
        } catch (ImapCommandException e) {
            errors.add(new SyncReport.SyncError(SyncReport.Kind.EXPUNGE, folder, 0, e.getMessage()));
        }
    }

    /**
     * Writes what is now known to be on both sides. Messages whose APPEND gave no APPENDUID
     * (servers without UIDPLUS) are found on the target by their keys.
     */
    private void record(String from, String to, List<Map.Entry<MessageMeta, MessageMeta>> matched,
                        MessageRelay.Result copied, List<MessageMeta> toCopy, FlagFilter flags,
                        MetadataPass metadata, SelectedFolder dst) {
        if (state == null) {
            return;
        }
        for (Map.Entry<MessageMeta, MessageMeta> p : matched) {
            state.pair(from, to, new SyncState.MessagePair(p.getKey().uid(), p.getValue().uid(),
                    formatFlags(flags.apply(p.getKey().flags()))));
        }
        List<MessageMeta> withoutUid = new ArrayList<>();
        for (MessageMeta msg : toCopy) {
            Long targetUid = copied.copied.get(msg.uid());
            if (targetUid == null) {
                continue;
            }
            if (targetUid < 0) {
                withoutUid.add(msg);
            } else {
                state.pair(from, to, new SyncState.MessagePair(msg.uid(), targetUid, formatFlags(flags.apply(msg.flags()))));
            }
        }
        if (!withoutUid.isEmpty()) {
            // Other pairs may have appended slices: a NOOP makes sure this session has seen them.
            target.run(new Noop());
            List<MessageMeta> onTarget = metadata.fetchFrom(target, dst.exists() + withoutUid.size(), 1);
            Set<Long> knownTargets = new HashSet<>();
            state.pairs(from, to).values().forEach(p -> knownTargets.add(p.targetUid()));
            onTarget.removeIf(t -> knownTargets.contains(t.uid()));
            for (Map.Entry<MessageMeta, MessageMeta> p : KeyMatcher.match(withoutUid, MessageMeta::key, onTarget,
                    MessageMeta::key).pairs()) {
                state.pair(from, to, new SyncState.MessagePair(p.getKey().uid(), p.getValue().uid(),
                        formatFlags(flags.apply(p.getKey().flags()))));
            }
        }
        state.commit();
    }

    private MailboxStatus targetStatus(FolderPair pair) {
        List<String> items = new ArrayList<>(List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY"));
        if (target.has(Capability.CONDSTORE)) {
            items.add("HIGHESTMODSEQ");
        }
        if (target.has(Capability.UNSELECT)) {
            // STATUS is not meant for the selected mailbox (RFC 3501 §6.3.10).
            target.run(new Unselect());
        }
        StatusData data = target.run(new Status(pair.target(), items)).first(StatusData.class);
        return data == null ? new MailboxStatus(0, 0, 0, 0) : MailboxStatus.of(data);
    }

    private static SyncReport.Kind kindOf(String reason) {
        String upper = reason.toUpperCase(java.util.Locale.ROOT);
        if (upper.contains("OVERQUOTA") || upper.contains("QUOTA")) {
            return SyncReport.Kind.OVER_QUOTA;
        }
        if (upper.contains("[LIMIT]") || upper.contains("TOO BIG") || upper.contains("TOO LARGE")) {
            return SyncReport.Kind.TOO_BIG;
        }
        return upper.startsWith("NOT COPIED") ? SyncReport.Kind.TRANSFER : SyncReport.Kind.APPEND;
    }

    /**
     * APPENDLIMIT (RFC 7889): a message the target announced it will refuse is reported at once,
     * with the limit, rather than streamed only to be refused.
     */
    private List<MessageMeta> withinAppendLimit(List<MessageMeta> messages, String folder) {
        Optional<Long> limit = target.capabilities().appendLimit();
        if (limit.isEmpty()) {
            return messages;
        }
        List<MessageMeta> kept = new ArrayList<>();
        for (MessageMeta msg : messages) {
            if (msg.size() > limit.get()) {
                errors.add(new SyncReport.SyncError(SyncReport.Kind.TOO_BIG, folder, msg.uid(), "not copied: "
                        + msg.size() + " bytes, more than the target's APPENDLIMIT of " + limit.get() + " bytes"));
            } else {
                kept.add(msg);
            }
        }
        return kept;
    }

    /** Size, age and --search limits, applied to the source list. */
    private List<MessageMeta> select(List<MessageMeta> messages, List<String> notes) {
        SyncOptions.Messages m = options.messages();
        Set<Long> searched = null;
        if (m.search() != null && !m.search().isBlank()) {
            searched = new HashSet<>();
            for (SearchData d : source.run(new UidSearch(List.of(), m.search())).all(SearchData.class)) {
                searched.addAll(d.numbers());
            }
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<MessageMeta> kept = new ArrayList<>();
        for (MessageMeta msg : messages) {
            boolean tooBig = m.maxSize() != null && msg.size() > m.maxSize();
            boolean tooSmall = m.minSize() != null && msg.size() < m.minSize();
            boolean tooOld = msg.internalDate() != null && m.maxAgeDays() != null
                    && msg.internalDate().value().isBefore(daysBefore(now, m.maxAgeDays()));
            boolean tooNew = msg.internalDate() != null && m.minAgeDays() != null
                    && msg.internalDate().value().isAfter(daysBefore(now, m.minAgeDays()));
            if (!tooBig && !tooSmall && !tooOld && !tooNew && (searched == null || searched.contains(msg.uid()))) {
                kept.add(msg);
            }
        }
        if (kept.size() < messages.size()) {
            notes.add((messages.size() - kept.size()) + " message(s) left out by size, age or search limits");
        }
        return kept;
    }

    /** imapsync's --maxage and --minage take fractions of a day (--maxage 1.5). */
    private static OffsetDateTime daysBefore(OffsetDateTime now, double days) {
        return now.minusSeconds(Math.round(days * 86_400));
    }

    private static boolean sameFlags(List<Flag> a, List<Flag> b) {
        Set<Flag> x = new HashSet<>(a);
        Set<Flag> y = new HashSet<>(b);
        x.remove(Flag.RECENT);
        y.remove(Flag.RECENT);
        return x.equals(y);
    }

    private static List<Flag> parseFlags(String text) {
        List<Flag> flags = new ArrayList<>();
        for (String f : text.strip().split("\\s+")) {
            if (!f.isEmpty()) {
                flags.add(new Flag(f));
            }
        }
        return flags;
    }

    private static String formatFlags(List<Flag> flags) {
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
