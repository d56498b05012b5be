package org.imapferry.engine;

import java.time.Instant;

/**
 * Progress of a run, for a progress bar or a log. Called from I/O threads: implementations must
 * be quick and thread-safe.
 */
public interface SyncListener {
    SyncListener NONE = new SyncListener() {};

    /** A side is connected (and logged in unless --justconnect): its banner and capabilities. */
    default void connected(boolean source, String banner, String capabilities) {}

    /** The plan is known: how many messages and bytes will be copied in all. */
    default void planned(long messages, long bytes) {}

    default void folderStarted(String source, String target, long toCopy, long bytesToCopy) {}

    default void messageCopied(String source, long bytes) {}

    /**
     * A message copied, with its INTERNALDATE on host1 ({@code null} when unknown), which a delivery
     * sets to the message's arrival (RFC 3501 §2.3.3): a watch counts its lag from there. Tells
     * {@link #messageCopied(String, long)} unless overridden.
     */
    default void messageCopied(String source, long bytes, Instant arrived) {
        messageCopied(source, bytes);
    }

    /** A message just reported copied had no Message-ID header: it was matched by its other headers. */
    default void messageCopiedWithoutMessageId(String source) {}

    default void messageFailed(String source, long uid, String reason) {}

    default void folderFinished(SyncReport.FolderReport report) {}

    /** --delete2folders removed a target folder that no source folder maps to. */
    default void folderDeleted(String target) {}
}
