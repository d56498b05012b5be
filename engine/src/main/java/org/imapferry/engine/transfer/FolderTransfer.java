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
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.folder.SubstitutionRule;
import org.imapferry.engine.identity.KeyMatcher;
import org.imapferry.engine.state.FolderState;
import org.imapferry.engine.state.MailboxStatus;
import org.imapferry.engine.state.SelectionFingerprint;
import org.imapferry.engine.state.SyncState;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.Unselect;
import org.imapferry.protocol.response.SearchData;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.Flag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one folder. The source is EXAMINEd (SELECTed only for --delete1) and the target
 * SELECTed; a metadata pass on both sides and a multiset match of message keys decide what to
 * copy; the bodies stream through a {@link MessageRelay}; then flags and deletions are applied
 * with pipelined STOREs.
 *
 * <p>What to do is a {@link FolderPlan}, made from what was read; this class reads, executes the
 * plan, records and reports. With a state from a completed earlier run, unchanged UIDVALIDITY on
 * both sides, a target as that run left it and no --delete2, the pass is incremental: only source
 * messages above the highest UID handled are fetched, flag changes come from CHANGEDSINCE where
 * CONDSTORE exists, and only target messages the state does not know are matched against them (so
 * a message copied by a run that died before it could record it is found, not copied twice).
 * The last run must also have selected messages as this one does, by no age or search
 * ({@link SelectionFingerprint}). Otherwise both folders are read whole and the state's pairs are
 * checked against them. Source flag changes are applied to the target as additions and removals,
 * so a flag a user changed on the target is kept unless --resyncflags asks for the source to win.
 */
public final class FolderTransfer {
    private static final Logger LOG = LoggerFactory.getLogger(FolderTransfer.class);

    private final ImapSession source;
    private final ImapSession target;
    private final SyncOptions options;
    private final SyncListener listener;
    private final List<SyncReport.SyncError> errors;
    private final SyncState state;
    private final CopyContext run;
    private final SliceQueue slices;
    private final StopSignal stop;

    public FolderTransfer(
            ImapSession source,
            ImapSession target,
            CopyContext run,
            List<SyncReport.SyncError> errors,
            SyncState state,
            SliceQueue slices) {
        this.run = run;
        this.stop = run.stop();
        this.slices = slices;
        this.source = source;
        this.target = target;
        this.options = run.options();
        this.listener = run.listener();
        this.errors = errors;
        this.state = state;
    }

    public SyncReport.FolderReport run(FolderPair pair) {
        return run(pair, null);
    }

    /**
     * @param resume where an earlier attempt of this run, stopped by a lost connection, left off;
     *               null for a first attempt
     */
    public SyncReport.FolderReport run(FolderPair pair, Resumption resume) {
        Instant started = Instant.now();
        String from = pair.source().name().name();
        String to = pair.target().name();
        List<String> notes = new ArrayList<>();
        SyncOptions.Messages m = options.messages();
        boolean dry = options.modes().dry();
        boolean writeSource = m.delete1() && !dry;
        FolderState previous = state == null ? null : state.folder(from, to);
        MetadataPass metadata = new MetadataPass(m.useHeaders(), m.sizeInIdentity());
        // A dry run does not create the target folder, so there is nothing to select: the plan
        // is made against an empty target.
        boolean targetAbsent = dry && !pair.targetExists();
        // Each side's round trips overlap the other's: both SELECTs go out before either answer
        // is read. Without a state for the folder both are read whole whatever SELECT says, so
        // the metadata FETCH goes out behind its SELECT, pipelined, and the folder costs one
        // round trip before the copy instead of four.
        SelectedFolder.Opening srcOpening =
                SelectedFolder.request(source, pair.source().name(), !writeSource);
        MetadataPass.Pending srcAhead = previous == null ? metadata.request(source, 1) : null;
        SelectedFolder.Opening dstOpening = targetAbsent ? null : SelectedFolder.request(target, pair.target(), false);
        MetadataPass.Pending dstAhead = previous == null && !targetAbsent ? metadata.request(target, 1) : null;
        SelectedFolder src = srcOpening.await();
        SelectedFolder dst = targetAbsent ? SelectedFolder.ABSENT : dstOpening.await();
        if (srcOpening.sentAgain()) {
            srcAhead = null;
        }
        if (dstOpening != null && dstOpening.sentAgain()) {
            dstAhead = null;
        }

        boolean incremental = previous != null
                && previous.source().uidValidity() == src.uidValidity()
                && previous.target().uidValidity() == dst.uidValidity();
        // The pairs an interrupted attempt recorded hold while neither folder was recreated since.
        boolean resumed = state != null
                && !dry
                && resume != null
                && resume.sourceUidValidity() != 0
                && resume.sourceUidValidity() == src.uidValidity()
                && resume.targetUidValidity() == dst.uidValidity();
        if (previous != null && !incremental) {
            if (!dry && !resumed) {
                state.reset(from, to);
            }
            notes.add("UIDVALIDITY changed since the last run: the folder was matched again by message keys");
        }
        Map<Long, SyncState.MessagePair> known = incremental || resumed ? state.pairs(from, to) : Map.of();
        if (resumed && !incremental) {
            notes.add("went on after a lost connection from the " + known.size()
                    + " message(s) whose copy the target had confirmed");
        }
        long highestHandled = incremental ? previous.highestSourceUid() : 0;
        // The state is trusted only while the target is as the last run left it, and --delete2
        // needs every source key to tell a message that left the source from one filtered out.
        // Below the highest UID handled lie the messages the last run's filters left out: only
        // the same selection, one that cannot change with time, may leave them unread.
        SelectionFingerprint selection = SelectionFingerprint.of(m);
        boolean whole = !incremental
                || m.delete2()
                || !dst.matches(previous.target())
                || !SelectionFingerprint.allowsIncremental(previous.selection(), selection);
        FolderFacts facts = whole
                ? readWhole(metadata, src, dst, known, srcAhead, dstAhead)
                : readAbove(metadata, src, dst, known, previous, highestHandled);

        FlagFilter flags = new FlagFilter(
                dst, m.regexFlag().stream().map(SubstitutionRule::parse).toList());
        MessageFilter filter = MessageFilter.of(m, searched(), OffsetDateTime.now());
        FolderPlan plan = FolderPlan.of(
                facts,
                filter,
                FolderPlan.Rules.of(m, target.capabilities().appendLimit().orElse(null)),
                flags);
        notes.addAll(plan.notes());
        plan.refusal()
                .ifPresent(r -> errors.add(new SyncReport.SyncError(SyncReport.Kind.EXPUNGE, from, 0, r.reason())));
        for (MessageMeta msg : plan.refused()) {
            errors.add(new SyncReport.SyncError(
                    SyncReport.Kind.TOO_BIG,
                    from,
                    msg.uid(),
                    "not copied: " + msg.size()
                            + " bytes, more than the target's APPENDLIMIT of "
                            + target.capabilities().appendLimit().get()
                            + " bytes"));
        }
        long highestSeen = Math.max(
                highestHandled,
                facts.source().messages().stream()
                        .mapToLong(MessageMeta::uid)
                        .max()
                        .orElse(0));
        List<MessageMeta> toCopy = plan.toCopy();
        long found = facts.source().messagesInFolder();
        long bytesFound = bytes(facts.source().messages());
        SyncReport.Planned planned = new SyncReport.Planned(
                toCopy.size(),
                bytes(toCopy),
                plan.flagUpdates().messages(),
                plan.deletions().size(),
                plan.deletions().stream()
                        .limit(SyncReport.Planned.NAMED)
                        .map(FolderPlan.Deletion::targetUid)
                        .toList());
        listener.folderStarted(from, to, toCopy.size(), planned.bytes());
        if (dry) {
            notes.add("dry run: " + toCopy.size() + " message(s) would be copied, " + planned.flagUpdates()
                    + " flag update(s), " + planned.deletions() + " deletion(s) on the target");
            return finish(
                    pair, new Counts(found, bytesFound, 0, 0, found - toCopy.size(), 0, 0, 0, planned), started, notes);
        }

        MessageRelay.Result copied = copy(pair, toCopy, flags, src.uidValidity(), notes);
        if (state != null) {
            // Before the new pairs: a message copied again keeps its source UID.
            plan.forgotten().forEach(uid -> state.forget(from, to, uid));
            plan.refreshed().forEach(p -> state.pair(from, to, p));
        }
        record(from, to, plan.matched(), copied, toCopy, flags, metadata, dst);
        if (copied.stopped) {
            return stopped(
                    pair,
                    new Counts(
                            found,
                            bytesFound,
                            copied.copied.size(),
                            copied.bytesCopied,
                            found - toCopy.size() - plan.refused().size(),
                            0,
                            0,
                            0,
                            planned),
                    toCopy.size() + plan.refused().size(),
                    copied,
                    started,
                    notes);
        }
        // The messages' own failures, with the servers' words; an attempt given up after a lost
        // connection reports them, one tried again on new sessions drops them.
        for (Map.Entry<Long, Failure> f : copied.failed.entrySet()) {
            errors.add(new SyncReport.SyncError(
                    kindOf(f.getValue().kind()), from, f.getKey(), f.getValue().text()));
        }
        if (copied.connectionFailure != null) {
            // What the target confirmed is recorded; flags and deletions wait for the attempt on
            // new sessions, which finds the copies by their keys and does the rest.
            throw new FolderTransferException(
                    from,
                    copied.connectionFailure,
                    copied.copied.size(),
                    copied.bytesCopied,
                    new Resumption(src.uidValidity(), dst.uidValidity()));
        }
        for (String failure : plan.flagUpdates().apply(target)) {
            errors.add(new SyncReport.SyncError(SyncReport.Kind.FLAGS, from, 0, failure));
        }
        long deleted = remove(
                target,
                plan.deletions().stream().map(FolderPlan.Deletion::targetUid).toList(),
                true,
                from);
        long deletedOnSource = 0;
        if (writeSource) {
            List<Long> confirmed = new ArrayList<>(copied.copied.keySet());
            confirmed.addAll(plan.confirmed());
            deletedOnSource = remove(source, confirmed, m.expunge1(), from);
        }
        if (!copied.vanished.isEmpty()) {
            notes.add(copied.vanished.size() + " message(s) disappeared from the source during the copy");
        }
        if (!flags.dropped().isEmpty()) {
            notes.add("keywords the target cannot store were not copied: " + String.join(" ", flags.dropped()));
        }
        int refusedBySize = plan.refused().size();
        if (state != null && copied.failed.isEmpty() && refusedBySize == 0) {
            // The source as EXAMINE saw it before anything was read: a message that arrived
            // since changes UIDNEXT, so the next run cannot skip this folder and miss it.
            MailboxStatus sourceStatus = src.status();
            String selected = selection.text();
            // Recorded when the target's STATUS answers, which the pair's next folder does not
            // wait for: its SELECT goes out pipelined behind.
            state.completedWhen(
                    from,
                    to,
                    targetStatus(pair)
                            .thenApply(
                                    targetAfter -> new FolderState(sourceStatus, targetAfter, highestSeen, selected)));
        }
        return finish(
                pair,
                new Counts(
                        found,
                        bytesFound,
                        copied.copied.size(),
                        copied.bytesCopied,
                        found - toCopy.size() - refusedBySize,
                        plan.flagUpdates().messages(),
                        deleted,
                        copied.failed.size() + refusedBySize,
                        planned),
                deletedOnSource,
                started,
                notes);
    }

    /**
     * Both folders read whole: the state's pairs are checked against what is really there.
     *
     * @param srcAhead the source's FETCH already sent behind its SELECT, or null
     * @param dstAhead the same for the target
     */
    private FolderFacts readWhole(
            MetadataPass metadata,
            SelectedFolder src,
            SelectedFolder dst,
            Map<Long, SyncState.MessagePair> known,
            MetadataPass.Pending srcAhead,
            MetadataPass.Pending dstAhead) {
        MetadataPass.Pending sourceAll = whole(metadata, source, src, srcAhead);
        MetadataPass.Pending targetAll =
                dst == SelectedFolder.ABSENT ? metadata.request(target, 0, 1) : whole(metadata, target, dst, dstAhead);
        return new FolderFacts(
                FolderFacts.Side.whole(sourceAll.messages(), src.exists()),
                FolderFacts.Side.whole(targetAll.messages(), dst.exists()),
                known,
                FolderFacts.KnownFlags.NONE,
                Map.of());
    }

    /** The FETCH sent ahead if there is one, otherwise sent now; none for an empty folder. */
    private static MetadataPass.Pending whole(
            MetadataPass metadata, ImapSession session, SelectedFolder folder, MetadataPass.Pending ahead) {
        if (folder.exists() == 0 || ahead == null) {
            return metadata.request(session, folder.exists(), 1);
        }
        return ahead;
    }

    /**
     * The incremental pass, for a target as the last run left it: only source messages above the
     * highest UID handled, target messages the state does not know, and the flags of known
     * messages. With CONDSTORE and --resyncflags off, only flags changed since the last run's
     * mod-sequence are fetched (RFC 7162 §3.1.4.1); otherwise all, which also shows which are gone.
     */
    private FolderFacts readAbove(
            MetadataPass metadata,
            SelectedFolder src,
            SelectedFolder dst,
            Map<Long, SyncState.MessagePair> known,
            FolderState previous,
            long highestHandled) {
        long lastKnownTarget = known.values().stream()
                .mapToLong(SyncState.MessagePair::targetUid)
                .max()
                .orElse(0);
        // Everything is sent before any answer is read: the reads of a side go pipelined on its
        // session, and the two sides overlap.
        MetadataPass.Pending sourceNew = metadata.request(source, src.exists(), highestHandled + 1);
        MetadataPass.Pending targetUnknown = metadata.request(target, dst.exists(), lastKnownTarget + 1);
        SyncOptions.FlagSync sync = options.messages().flagSync();
        boolean flagsWanted = !known.isEmpty() && sync != SyncOptions.FlagSync.NONE;
        boolean changedOnly = source.has(Capability.CONDSTORE)
                && previous.source().highestModSeq() > 0
                && src.highestModSeq() > 0
                && sync != SyncOptions.FlagSync.SOURCE_WINS;
        FlagsPass.Pending sourceFlags = flagsWanted
                ? FlagsPass.request(
                        source, highestHandled, changedOnly ? previous.source().highestModSeq() : null)
                : null;
        FlagsPass.Pending targetFlags = flagsWanted && sync == SyncOptions.FlagSync.SOURCE_WINS
                ? FlagsPass.request(target, lastKnownTarget, null)
                : null;
        List<MessageMeta> sourceMessages = sourceNew.messages();
        FolderFacts.KnownFlags knownSource = sourceFlags == null
                ? FolderFacts.KnownFlags.NONE
                : new FolderFacts.KnownFlags(sourceFlags.flags(), !changedOnly);
        List<MessageMeta> targetMessages = targetUnknown.messages();
        Map<Long, List<Flag>> knownTarget = targetFlags == null ? Map.of() : targetFlags.flags();
        return new FolderFacts(
                FolderFacts.Side.above(sourceMessages, src.exists()),
                FolderFacts.Side.above(targetMessages, dst.exists()),
                known,
                knownSource,
                knownTarget);
    }

    /**
     * The run was stopped during the copy. What the target confirmed is recorded already; nothing
     * else changes on either side (no flags, no deletions, no STATUS kept for the next run to
     * skip the folder by), and every message not confirmed counts as failed: the next run copies
     * it. Refusals the target gave before the stop are errors as usual.
     */
    private SyncReport.FolderReport stopped(
            FolderPair pair,
            Counts sofar,
            long wanted,
            MessageRelay.Result copied,
            Instant started,
            List<String> notes) {
        String from = pair.source().name().name();
        for (Map.Entry<Long, Failure> f : copied.failed.entrySet()) {
            Failure.Kind kind = f.getValue().kind();
            if (kind != Failure.Kind.STOPPED && kind != Failure.Kind.CONNECTION_LOST) {
                errors.add(new SyncReport.SyncError(
                        kindOf(kind), from, f.getKey(), f.getValue().text()));
            }
        }
        long notCopied = wanted - copied.copied.size();
        notes.add("stopped: the run was stopped; " + notCopied + " message(s) not copied");
        return finish(
                pair,
                new Counts(
                        sofar.found(),
                        sofar.bytesFound(),
                        sofar.copied(),
                        sofar.bytesCopied(),
                        sofar.skipped(),
                        0,
                        0,
                        notCopied,
                        sofar.planned()),
                started,
                notes);
    }

    private SyncReport.FolderReport finish(FolderPair pair, Counts c, Instant started, List<String> notes) {
        return finish(pair, c, 0, started, notes);
    }

    private SyncReport.FolderReport finish(
            FolderPair pair, Counts c, long deletedOnSource, Instant started, List<String> notes) {
        SyncReport.FolderReport report = new SyncReport.FolderReport(
                pair.source().name().name(),
                pair.target().name(),
                c.found(),
                c.bytesFound(),
                c.copied(),
                c.bytesCopied(),
                c.skipped(),
                c.flagsUpdated(),
                c.deleted(),
                c.failed(),
                !pair.targetExists(),
                Duration.between(started, Instant.now()),
                notes,
                c.planned(),
                false,
                false,
                deletedOnSource);
        listener.folderFinished(report);
        return report;
    }

    private static long bytes(List<MessageMeta> messages) {
        return messages.stream().mapToLong(x -> Math.max(0, x.size())).sum();
    }

    /**
     * Copies the list on this pair, or, when it is large enough to be worth sharing, cuts it by
     * UID range and offers all but the first slice to idle pairs. A slice no pair took is
     * withdrawn and copied here too; the method returns only when every slice is settled, so
     * what is recorded next, and any rerun of the folder, sees everything the helpers did.
     */
    private MessageRelay.Result copy(
            FolderPair pair, List<MessageMeta> toCopy, FlagFilter flags, long uidValidity, List<String> notes) {
        PairCopier copier = new PairCopier(source, target, run, errors);
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
                } else if (!result.cutShort()) {
                    result.merge(copier.copy(pair, slice.messages(), flags));
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
                    result.merge(done.get().result());
                    errors.addAll(done.get().errors());
                    helped++;
                } else if (!result.cutShort()) {
                    result.merge(copier.copy(pair, slice.messages(), flags));
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
            LOG.debug(
                    "a helper of {} failed after the folder did: {}",
                    slice.pair().source().name(),
                    e.toString());
        }
    }

    /**
     * --delete2 on the target, --delete1 on the source: marks the messages \Deleted and expunges
     * exactly them, or reports why they stay marked.
     *
     * @return how many were removed
     */
    private long remove(ImapSession session, List<Long> uids, boolean expunge, String folder) {
        MarkedExpunge.Outcome outcome = MarkedExpunge.remove(session, uids, expunge);
        if (outcome instanceof MarkedExpunge.Removed r) {
            return r.count();
        }
        if (outcome instanceof MarkedExpunge.Kept k && k.othersMarked() > 0) {
            errors.add(new SyncReport.SyncError(
                    SyncReport.Kind.EXPUNGE, folder, 0, folder + " on " + session.name() + ": " + k.reason()));
        } else if (outcome instanceof MarkedExpunge.Failed f) {
            errors.add(new SyncReport.SyncError(SyncReport.Kind.EXPUNGE, folder, 0, f.message()));
        }
        return 0;
    }

    /**
     * Writes what is now known to be on both sides. Messages whose APPEND gave no APPENDUID
     * (servers without UIDPLUS) are found on the target by their keys.
     */
    private void record(
            String from,
            String to,
            List<Map.Entry<MessageMeta, MessageMeta>> matched,
            MessageRelay.Result copied,
            List<MessageMeta> toCopy,
            FlagFilter flags,
            MetadataPass metadata,
            SelectedFolder dst) {
        if (state == null) {
            return;
        }
        for (Map.Entry<MessageMeta, MessageMeta> p : matched) {
            state.pair(from, to, pairOf(p.getKey(), p.getValue().uid(), flags));
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
                state.pair(from, to, pairOf(msg, targetUid, flags));
            }
        }
        if (!withoutUid.isEmpty()) {
            // Other pairs may have appended slices: a NOOP makes sure this session has seen them.
            target.run(ImapCommands.noop());
            List<MessageMeta> onTarget = metadata.fetchFrom(target, dst.exists() + withoutUid.size(), 1);
            Set<Long> knownTargets = new HashSet<>();
            state.pairs(from, to).values().forEach(p -> knownTargets.add(p.targetUid()));
            onTarget.removeIf(t -> knownTargets.contains(t.uid()));
            for (Map.Entry<MessageMeta, MessageMeta> p : KeyMatcher.match(
                            withoutUid, MessageMeta::key, onTarget, MessageMeta::key)
                    .pairs()) {
                state.pair(from, to, pairOf(p.getKey(), p.getValue().uid(), flags));
            }
        }
        state.commit();
    }

    /** A source message and its copy, with the flags the target was given. */
    private static SyncState.MessagePair pairOf(MessageMeta source, long targetUid, FlagFilter flags) {
        return new SyncState.MessagePair(source.uid(), targetUid, FolderPlan.formatFlags(flags.apply(source.flags())));
    }

    /** The target folder's STATUS for the state file, sent now and answered in the future. */
    private CompletableFuture<MailboxStatus> targetStatus(FolderPair pair) {
        List<String> items = new ArrayList<>(List.of("MESSAGES", "UIDNEXT", "UIDVALIDITY"));
        if (target.has(Capability.CONDSTORE)) {
            items.add("HIGHESTMODSEQ");
        }
        // STATUS is not meant for the selected mailbox (RFC 3501 §6.3.10): UNSELECT first, with
        // the STATUS pipelined behind it, as the server takes them in order.
        CompletableFuture<CommandResult> unselected = target.has(Capability.UNSELECT)
                ? target.submit(new Unselect())
                : CompletableFuture.completedFuture(null);
        return unselected.thenCombine(target.submit(ImapCommands.status(pair.target(), items)), (u, status) -> {
            StatusData data = status.first(StatusData.class);
            return data == null ? new MailboxStatus(0, 0, 0, 0) : MailboxStatus.of(data);
        });
    }

    private static SyncReport.Kind kindOf(Failure.Kind kind) {
        return switch (kind) {
            case OVER_QUOTA -> SyncReport.Kind.OVER_QUOTA;
            case TOO_BIG -> SyncReport.Kind.TOO_BIG;
            case CONNECTION_LOST, STOPPED, IMPLAUSIBLE_LENGTH -> SyncReport.Kind.TRANSFER;
            case REFUSED, THROTTLED, TRY_CREATE -> SyncReport.Kind.APPEND;
        };
    }

    /** The UIDs --search selects, or null without it. */
    private Set<Long> searched() {
        String search = options.messages().search();
        if (search == null || search.isBlank()) {
            return null;
        }
        Set<Long> uids = new HashSet<>();
        for (SearchData d : source.run(ImapCommands.uidSearch(search)).all(SearchData.class)) {
            uids.addAll(d.numbers());
        }
        return uids;
    }
}
