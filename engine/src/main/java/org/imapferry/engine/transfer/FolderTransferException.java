package org.imapferry.engine.transfer;

/**
 * A folder's copy stopped because a connection failed; what was answered before is kept, and
 * counted here so a second attempt's report can include it.
 */
public class FolderTransferException extends RuntimeException {
    private final long copied;
    private final long bytesCopied;
    private final transient Resumption resumption;

    public FolderTransferException(String folder, Throwable cause) {
        this(folder, cause, 0, 0, null);
    }

    FolderTransferException(String folder, Throwable cause, long copied, long bytesCopied, Resumption resumption) {
        super("copy of " + folder + " stopped: " + cause.getMessage(), cause);
        this.copied = copied;
        this.bytesCopied = bytesCopied;
        this.resumption = resumption;
    }

    /** Where the next attempt may go on from, or null when the copy had not begun. */
    public Resumption resumption() {
        return resumption;
    }

    /** Messages the target confirmed before the copy stopped. */
    public long copied() {
        return copied;
    }

    public long bytesCopied() {
        return bytesCopied;
    }
}
