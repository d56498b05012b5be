package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.types.SequenceSet;

/**
 * A run of consecutive source UIDs from one folder's copy list, planned by the folder's own
 * connection pair and copied by another one. The folder was matched once, on one pair; a slice
 * only streams what that plan says to copy, so splitting a large folder never changes what
 * arrives on the target, only how many pairs carry it.
 */
public final class Slice {
    /** A folder is cut into slices only if each would carry at least this much work. */
    static final long MIN_WEIGHT = 4L * 1024 * 1024;
    /** What one message costs beyond its bytes (a FETCH item, an APPEND, an answer), in bytes. */
    static final long MESSAGE_WEIGHT = 4096;
    /** Slices per connection pair at most: enough for a pair that finishes early to take another. */
    static final int SLICES_PER_PAIR = 4;

    /** What a slice's pair did: the relay's result, and the errors it met on the way. */
    record Copied(MessageRelay.Result result, List<SyncReport.SyncError> errors) {}

    private final FolderPair pair;
    private final List<MessageMeta> messages;
    private final FlagFilter flags;
    private final long uidValidity;
    /** Empty: the pair that took the slice could not connect and handed it back untouched. */
    private final CompletableFuture<Optional<Copied>> outcome = new CompletableFuture<>();

    Slice(FolderPair pair, List<MessageMeta> messages, FlagFilter flags, long uidValidity) {
        this.pair = pair;
        this.messages = List.copyOf(messages);
        this.flags = flags;
        this.uidValidity = uidValidity;
    }

    /**
     * Cuts a copy list, in UID order, into runs of about equal weight (bytes plus
     * {@link #MESSAGE_WEIGHT} a message): one run if the list is too small to be worth sharing.
     */
    static List<List<MessageMeta>> cut(List<MessageMeta> messages, int pairs) {
        long total = 0;
        for (MessageMeta m : messages) {
            total += weight(m);
        }
        int count = (int) Math.min(Math.min((long) pairs * SLICES_PER_PAIR, total / MIN_WEIGHT), messages.size());
        if (pairs <= 1 || count <= 1) {
            return List.of(messages);
        }
        List<List<MessageMeta>> slices = new ArrayList<>();
        List<MessageMeta> current = new ArrayList<>();
        long done = 0;
        for (MessageMeta m : messages) {
            current.add(m);
            done += weight(m);
            // Cut where the running total passes the next k/count of the whole.
            if (slices.size() < count - 1 && done * count >= total * (slices.size() + 1)) {
                slices.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            slices.add(current);
        }
        return slices;
    }

    private static long weight(MessageMeta m) {
        return Math.max(0, m.size()) + MESSAGE_WEIGHT;
    }

    FolderPair pair() {
        return pair;
    }

    List<MessageMeta> messages() {
        return messages;
    }

    /**
     * Copies the slice on a pair of sessions other than the planning one. The source folder is
     * EXAMINEd here, so the sequence numbers the relay matches bodies by are this session's:
     * {@code UID FETCH <uids> (UID)} gives them, and a UID it does not return has left the source.
     */
    public void copyOn(ImapSession source, ImapSession target, CopyContext run) {
        try {
            SelectedFolder folder = SelectedFolder.open(source, pair.source().name(), true);
            if (folder.uidValidity() != uidValidity) {
                throw new IllegalStateException(
                        "the UIDVALIDITY of " + pair.source().name() + " changed during the copy");
            }
            List<Long> uids = messages.stream().map(MessageMeta::uid).toList();
            Map<Long, Long> sequence = new HashMap<>();
            for (FetchData data : source.run(ImapCommands.uidFetch(SequenceSet.of(uids), "UID"))
                    .all(FetchData.class)) {
                if (data.uid() != null) {
                    sequence.put(data.uid(), data.sequenceNumber());
                }
            }
            List<MessageMeta> present = new ArrayList<>();
            List<Long> gone = new ArrayList<>();
            for (MessageMeta m : messages) {
                Long seq = sequence.get(m.uid());
                if (seq == null) {
                    gone.add(m.uid());
                } else {
                    present.add(m.withSequenceNumber(seq));
                }
            }
            List<SyncReport.SyncError> errors = new ArrayList<>();
            MessageRelay.Result result = new PairCopier(source, target, run, errors).copy(pair, present, flags);
            result.vanished.addAll(gone);
            outcome.complete(Optional.of(new Copied(result, errors)));
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    /** The pair that took the slice could not open its sessions: the folder's own pair copies it. */
    public void handBack() {
        outcome.complete(Optional.empty());
    }

    /** Waits for the pair that took the slice. */
    Optional<Copied> await() throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new FolderTransferException(pair.source().name().name(), e.getCause());
        }
    }
}
