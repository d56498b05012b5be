package org.imapferry.engine.transfer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.folder.SubstitutionRule;
import org.imapferry.engine.identity.KeyMatcher;
import org.imapferry.protocol.command.Select;
import org.imapferry.protocol.command.UidSearch;
import org.imapferry.protocol.command.UidStore;
import org.imapferry.protocol.response.SearchData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;

/**
 * Copies one folder: EXAMINE the source and SELECT the target, a metadata pass on both, a
 * multiset match of message keys, then the bodies streamed through a {@link MessageRelay}.
 * Messages a MULTIAPPEND batch could not take are retried one APPEND each, so one bad message
 * never costs its neighbours.
 */
public final class FolderTransfer {
    private final ImapSession source;
    private final ImapSession target;
    private final SyncOptions options;
    private final SyncListener listener;
    private final List<SyncReport.SyncError> errors;

    public FolderTransfer(ImapSession source, ImapSession target, SyncOptions options, SyncListener listener,
                          List<SyncReport.SyncError> errors) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.listener = listener;
        this.errors = errors;
    }

    public SyncReport.FolderReport run(FolderPair pair) {
        Instant started = Instant.now();
        String from = pair.source().name().name();
        String to = pair.target().name();
        List<String> notes = new ArrayList<>();
        SelectedFolder src = SelectedFolder.of(source.run(new Select(pair.source().name(), true, false, null)));
        SelectedFolder dst = SelectedFolder.of(target.run(new Select(pair.target(), false, false, null)));
        SyncOptions.Messages m = options.messages();
        MetadataPass metadata = new MetadataPass(m.useHeaders(), m.sizeInIdentity());
        List<MessageMeta> sourceMessages = metadata.fetch(source, src.exists());
        List<MessageMeta> targetMessages = metadata.fetch(target, dst.exists());
        long bytesFound = sourceMessages.stream().mapToLong(x -> Math.max(0, x.size())).sum();

        List<MessageMeta> candidates = select(sourceMessages, notes);
        KeyMatcher.Match<MessageMeta, MessageMeta> match =
                KeyMatcher.match(candidates, MessageMeta::key, targetMessages, MessageMeta::key);
        List<MessageMeta> toCopy = match.sourceOnly();
        long skipped = sourceMessages.size() - toCopy.size();
        long toCopyBytes = toCopy.stream().mapToLong(x -> Math.max(0, x.size())).sum();
        listener.folderStarted(from, to, toCopy.size(), toCopyBytes);

        long copied = 0;
        long bytesCopied = 0;
        long failed = 0;
        long flagsUpdated = 0;
        if (!options.modes().dry()) {
            FlagFilter flags = new FlagFilter(dst, regexFlagRules());
            MessageRelay.Result result = relay(pair, toCopy, target.has(Capability.MULTIAPPEND), flags);
            if (!result.retrySingly.isEmpty() && result.connectionFailure == null) {
                MessageRelay.Result retry = relay(pair, result.retrySingly, false, flags);
                result.copied.putAll(retry.copied);
                result.failed.putAll(retry.failed);
                result.bytesCopied += retry.bytesCopied;
                result.connectionFailure = retry.connectionFailure;
            }
            copied = result.copied.size();
            bytesCopied = result.bytesCopied;
            failed = result.failed.size();
            for (Map.Entry<Long, String> f : result.failed.entrySet()) {
                errors.add(new SyncReport.SyncError(kindOf(f.getValue()), from, f.getKey(), f.getValue()));
            }
            if (!result.vanished.isEmpty()) {
                notes.add(result.vanished.size() + " message(s) disappeared from the source during the copy");
            }
            if (flags.dropped().size() > 0) {
                notes.add("keywords the target cannot store were not copied: " + String.join(" ", flags.dropped()));
            }
            if (m.resyncFlags()) {
                flagsUpdated = resyncFlags(from, match.pairs(), flags);
            }
            if (result.connectionFailure != null) {
                throw new FolderTransferException(from, result.connectionFailure);
            }
        }
        SyncReport.FolderReport report = new SyncReport.FolderReport(from, to, sourceMessages.size(), bytesFound,
                copied, bytesCopied, skipped, flagsUpdated, 0, failed, !pair.targetExists(),
                Duration.between(started, Instant.now()), notes);
        listener.folderFinished(report);
        return report;
    }

    private List<SubstitutionRule> regexFlagRules() {
        return options.messages().regexFlag().stream().map(SubstitutionRule::parse).toList();
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
            if (m.maxSize() != null && msg.size() > m.maxSize()) {
                continue;
            }
            if (m.minSize() != null && msg.size() < m.minSize()) {
                continue;
            }
            if (msg.internalDate() != null && m.maxAgeDays() != null
                    && msg.internalDate().value().isBefore(now.minusDays(m.maxAgeDays()))) {
                continue;
            }
            if (msg.internalDate() != null && m.minAgeDays() != null
                    && msg.internalDate().value().isAfter(now.minusDays(m.minAgeDays()))) {
                continue;
            }
            if (searched != null && !searched.contains(msg.uid())) {
                continue;
            }
            kept.add(msg);
        }
        if (kept.size() < messages.size()) {
            notes.add((messages.size() - kept.size()) + " message(s) left out by size, age or search limits");
        }
        return kept;
    }

    private MessageRelay.Result relay(FolderPair pair, List<MessageMeta> messages, boolean multiappend,
                                      FlagFilter flags) {
        if (messages.isEmpty()) {
            return new MessageRelay.Result();
        }
        TransferWindow window = new TransferWindow(256, 64L * 1024 * 1024);
        MessageRelay relay = new MessageRelay(source, target, pair.target(), messages, multiappend, flags::apply,
                options.messages().syncInternalDates(), window, new MessageRelay.Progress() {
                    @Override
                    public void copied(MessageMeta message, long bytes) {
                        listener.messageCopied(pair.source().name().name(), bytes);
                    }

                    @Override
                    public void failed(MessageMeta message, String reason) {
                        listener.messageFailed(pair.source().name().name(), message.uid(), reason);
                    }
                });
        return awaitWithWatchdog(relay, relay.start());
    }

    /**
     * Waits for the relay as long as bytes keep moving; a pair that moves nothing for a whole
     * timeout is closed, which fails the relay with a clear cause instead of hanging forever.
     */
    private MessageRelay.Result awaitWithWatchdog(MessageRelay relay, CompletableFuture<MessageRelay.Result> done) {
        long timeoutMillis = Math.max(options.source().timeout().toMillis(), options.target().timeout().toMillis());
        long lastBytes = -1;
        while (true) {
            try {
                return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = relay.bytesMoved();
                if (now == lastBytes) {
                    source.channel().close();
                    target.channel().close();
                }
                lastBytes = now;
            } catch (ExecutionException e) {
                throw new FolderTransferException("relay", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                source.channel().close();
                target.channel().close();
                throw new FolderTransferException("relay", e);
            }
        }
    }

    /** --resyncflags: the source wins; each differing message gets its exact flags. */
    private long resyncFlags(String folder, List<Map.Entry<MessageMeta, MessageMeta>> pairs, FlagFilter flags) {
        long updated = 0;
        for (Map.Entry<MessageMeta, MessageMeta> p : pairs) {
            Set<Flag> wanted = new HashSet<>(flags.apply(p.getKey().flags()));
            Set<Flag> have = new HashSet<>(p.getValue().flags());
            have.remove(Flag.RECENT);
            if (!wanted.equals(have)) {
                try {
                    target.run(new UidStore(SequenceSet.of(p.getValue().uid()), UidStore.Mode.REPLACE, true,
                            new ArrayList<>(wanted), null));
                    updated++;
                } catch (ImapCommandException e) {
                    errors.add(new SyncReport.SyncError(SyncReport.Kind.FLAGS, folder,
                            p.getKey().uid(), e.getMessage()));
                }
            }
        }
        return updated;
    }
}
