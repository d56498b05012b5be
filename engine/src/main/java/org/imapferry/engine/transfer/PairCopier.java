package org.imapferry.engine.transfer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a list of messages of one folder over one connection pair, with the second tries a
 * refusal calls for: single APPENDs after a refused MULTIAPPEND, the folder created again after
 * [TRYCREATE], a backoff when the target throttles, and literal8 for messages with NUL bytes.
 * The source must have the folder selected; the target needs nothing selected.
 */
final class PairCopier {
    private static final Logger LOG = LoggerFactory.getLogger(PairCopier.class);
    /** How often the watchdog looks for signs of life. */
    private static final Duration WATCHDOG_POLL = Duration.ofSeconds(1);

    private final ImapSession source;
    private final ImapSession target;
    private final SyncOptions options;
    private final List<SyncReport.SyncError> errors;
    private final SyncListener listener;
    private final RateGovernor governor;
    private final StopSignal stop;
    /** In flight on the target: one window for the relays of this pair, which run one after another. */
    private final TransferWindow window = new TransferWindow(256, 64L * 1024 * 1024);

    PairCopier(ImapSession source, ImapSession target, CopyContext run, List<SyncReport.SyncError> errors) {
        this.source = source;
        this.target = target;
        this.options = run.options();
        this.listener = run.listener();
        this.errors = errors;
        this.governor = run.governor();
        this.stop = run.stop();
    }

    /**
     * Streams the messages; what a MULTIAPPEND batch could not take goes again one APPEND each,
     * so one refused message never costs its neighbours.
     */
    MessageRelay.Result copy(FolderPair pair, List<MessageMeta> toCopy, FlagFilter flags) {
        MessageRelay.Context context = context(pair, flags);
        MessageRelay.Result result =
                relay(context, toCopy, target.has(Capability.MULTIAPPEND) ? AppendStyle.BATCHED : AppendStyle.SINGLE);
        if (!result.retrySingly.isEmpty() && !result.cutShort()) {
            result.merge(relay(context, result.retrySingly, AppendStyle.SINGLE));
        }
        List<MessageMeta> tryCreate = failedWith(Failure.Kind.TRY_CREATE, toCopy, result);
        if (!tryCreate.isEmpty() && !result.cutShort() && recreate(pair)) {
            tryCreate.forEach(m -> result.failed.remove(m.uid()));
            result.merge(relay(context, tryCreate, AppendStyle.SINGLE));
        }
        for (int attempt = 1; attempt <= Throttling.RETRIES && !result.cutShort(); attempt++) {
            List<MessageMeta> again = failedWith(Failure.Kind.THROTTLED, toCopy, result);
            if (again.isEmpty()) {
                break;
            }
            Duration wait = Throttling.backoff(result.failed.get(again.get(0).uid()), attempt);
            again.forEach(m -> result.failed.remove(m.uid()));
            LOG.warn(
                    "{}: the target is throttling; {} message(s) again in {} ms",
                    pair.source().name(),
                    again.size(),
                    wait.toMillis());
            if (!sleep(wait)) {
                // Stopped while waiting: the messages go to the next run, as any not copied.
                again.forEach(m -> result.failed.put(m.uid(), Failure.stopped()));
                result.stopped = true;
                break;
            }
            result.merge(relay(context, again, AppendStyle.SINGLE));
        }
        retryWithNul(context, toCopy, result);
        if (result.connectionFailure != null) {
            waitOutThrottlingBeforeReconnecting(pair, toCopy, result);
        }
        return result;
    }

    /**
     * Office 365 throttles with BAD (or NO) and a suggested wait, then closes the connection
     * ("* BYE Connection closed. 14"), as a target refusing an APPEND or as a source refusing
     * the FETCH. A new connection at once would only be throttled again: the folder's next
     * attempt comes after the wait the server asked for.
     */
    private void waitOutThrottlingBeforeReconnecting(
            FolderPair pair, List<MessageMeta> toCopy, MessageRelay.Result result) {
        List<MessageMeta> throttled = failedWith(Failure.Kind.THROTTLED, toCopy, result);
        Failure fetchRefused = Failure.of(result.connectionFailure);
        Failure why = !throttled.isEmpty()
                ? result.failed.get(throttled.get(0).uid())
                : fetchRefused.kind() == Failure.Kind.THROTTLED ? fetchRefused : null;
        if (why == null) {
            return;
        }
        Duration wait = Throttling.backoff(why, 1);
        LOG.warn(
                "{}: {} throttled; going on in {} ms",
                pair.source().name(),
                throttled.isEmpty() ? "the source" : "the target",
                wait.toMillis());
        if (!sleep(wait)) {
            result.stopped = true;
        }
    }

    private static List<MessageMeta> failedWith(
            Failure.Kind kind, List<MessageMeta> toCopy, MessageRelay.Result result) {
        return toCopy.stream()
                .filter(m -> result.failed.containsKey(m.uid())
                        && result.failed.get(m.uid()).kind() == kind)
                .toList();
    }

    /**
     * Messages with NUL bytes that the target refused as ordinary literals go again as literal8
     * where the target has BINARY (RFC 3516); elsewhere they cannot be stored unchanged, and the
     * report says so rather than altering them.
     */
    private void retryWithNul(MessageRelay.Context context, List<MessageMeta> toCopy, MessageRelay.Result result) {
        List<MessageMeta> refused = toCopy.stream()
                .filter(m -> result.withNul.contains(m.uid()) && result.failed.containsKey(m.uid()))
                .toList();
        if (refused.isEmpty() || result.cutShort()) {
            return;
        }
        if (target.has(Capability.BINARY)) {
            refused.forEach(m -> result.failed.remove(m.uid()));
            result.merge(relay(context, refused, AppendStyle.BINARY));
        } else {
            refused.forEach(m -> result.failed.put(
                    m.uid(),
                    result.failed
                            .get(m.uid())
                            .explained("not copied: the message contains NUL bytes, which only a target with"
                                    + " BINARY (RFC 3516) stores unchanged; the target said: ")));
        }
    }

    /** @return false if the run was asked to stop meanwhile */
    private boolean sleep(Duration wait) {
        try {
            return !stop.await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FolderTransferException("backoff", e);
        }
    }

    /**
     * The target answered APPEND with [TRYCREATE]: the folder selected a moment ago is gone
     * (deleted by another client). It is created again and selected, once; if that fails, the
     * messages stay failed with the server's words. (The listener has already been told of the
     * first refusal; a message copied on the second try is reported copied as well.)
     */
    private boolean recreate(FolderPair pair) {
        MailboxName name = pair.target();
        try {
            try {
                target.run(ImapCommands.create(name));
            } catch (ImapCommandException e) {
                if (!e.hasCode(ResponseCode.AlreadyExists.class)) {
                    throw e;
                }
            }
            SelectedFolder.open(target, name, false);
            return true;
        } catch (ImapCommandException e) {
            errors.add(new SyncReport.SyncError(
                    SyncReport.Kind.FOLDER_CREATE,
                    pair.source().name().name(),
                    0,
                    "the target asked to create " + name + " ([TRYCREATE]), which failed: " + e.getMessage()));
            return false;
        }
    }

    private MessageRelay.Context context(FolderPair pair, FlagFilter flags) {
        String folder = pair.source().name().name();
        return new MessageRelay.Context(
                source,
                target,
                pair.target(),
                flags::apply,
                options.messages().syncInternalDates(),
                window,
                governor,
                stop,
                new MessageRelay.Progress() {
                    @Override
                    public void copied(MessageMeta message, long bytes) {
                        listener.messageCopied(
                                folder,
                                bytes,
                                message.internalDate() == null
                                        ? null
                                        : message.internalDate().value().toInstant());
                        if (!message.key().hasMessageId()) {
                            listener.messageCopiedWithoutMessageId(folder);
                        }
                    }

                    @Override
                    public void failed(MessageMeta message, String reason) {
                        listener.messageFailed(folder, message.uid(), reason);
                    }
                });
    }

    private MessageRelay.Result relay(MessageRelay.Context context, List<MessageMeta> messages, AppendStyle style) {
        if (messages.isEmpty()) {
            return new MessageRelay.Result();
        }
        MessageRelay relay = new MessageRelay(context, style, messages);
        return awaitWithWatchdog(relay, relay.start());
    }

    /**
     * The server the relay waits on fails with the reason, so the folder's error names it. The
     * relay then closes the target if a message was half sent, or waits for the answers to the
     * APPENDs already whole; a target that gives none is the silent side of the next round.
     */
    private void stalled(MessageRelay relay, Duration timeout) {
        source.eventLoop().execute(() -> {
            ImapSession silent = relay.waitsOnSource() ? source : target;
            silent.channel().pipeline().fireExceptionCaught(new TransferStalledException(silent.name(), timeout));
        });
    }

    /**
     * Waits for the relay as long as either connection shows life; once nothing was read or
     * written on either for a whole timeout, the side the relay waits on fails as stalled, which
     * ends the relay with a clear cause instead of hanging. Silence is measured from the last
     * sign of life, polled every second, so no stall lasts longer than the timeout.
     */
    private MessageRelay.Result awaitWithWatchdog(MessageRelay relay, CompletableFuture<MessageRelay.Result> done) {
        long timeout = Math.max(
                options.source().timeout().toNanos(), options.target().timeout().toNanos());
        long poll = Math.min(TimeUnit.NANOSECONDS.toMillis(timeout), WATCHDOG_POLL.toMillis());
        long lastBytes = relay.bytesMoved();
        long lastLife = System.nanoTime();
        while (true) {
            try {
                return done.get(poll, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long bytes = relay.bytesMoved();
                if (bytes != lastBytes) {
                    lastBytes = bytes;
                    lastLife = System.nanoTime();
                }
                long life = Math.max(
                        lastLife,
                        Math.max(
                                source.pipeline().lastReadNanos(),
                                target.pipeline().lastReadNanos()));
                if (System.nanoTime() - life >= timeout) {
                    stalled(relay, Duration.ofNanos(timeout));
                    // The next round, if the relay still waits, starts its own timeout.
                    lastLife = System.nanoTime();
                }
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
}
