package org.imapferry.engine;

import java.time.Instant;

/**
 * A listener that passes every event on to the next one; a subclass overrides the events it
 * looks at or holds back, as Netty's channel handler adapters do for a pipeline.
 */
public abstract class ForwardingSyncListener implements SyncListener {
    protected final SyncListener next;

    protected ForwardingSyncListener(SyncListener next) {
        this.next = next;
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
