package org.imapferry.engine;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Passes every event on, and counts the messages copied without a Message-ID for the report. */
final class MessageIdCount implements SyncListener {
    private final SyncListener next;
    private final AtomicLong withoutId = new AtomicLong();

    MessageIdCount(SyncListener next) {
        this.next = next;
    }

    long withoutId() {
        return withoutId.get();
    }

    @Override
    public void connected(boolean source, String banner, String capabilities) {
        next.connected(source, banner, capabilities);
    }

    @Override
    public void planned(long messages, long bytes) {
        next.planned(messages, bytes);
    }

    @Override
    public void folderStarted(String source, String target, long toCopy, long bytesToCopy) {
        next.folderStarted(source, target, toCopy, bytesToCopy);
    }

    @Override
    public void messageCopied(String source, long bytes) {
        next.messageCopied(source, bytes);
    }

    @Override
    public void messageCopied(String source, long bytes, Instant arrived) {
        next.messageCopied(source, bytes, arrived);
    }

    @Override
    public void messageCopiedWithoutMessageId(String source) {
        withoutId.incrementAndGet();
        next.messageCopiedWithoutMessageId(source);
    }

    @Override
    public void messageFailed(String source, long uid, String reason) {
        next.messageFailed(source, uid, reason);
    }

    @Override
    public void folderFinished(SyncReport.FolderReport report) {
        next.folderFinished(report);
    }

    @Override
    public void folderDeleted(String target) {
        next.folderDeleted(target);
    }
}
