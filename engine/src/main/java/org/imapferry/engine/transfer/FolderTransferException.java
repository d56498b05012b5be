package org.imapferry.engine.transfer;

import java.util.concurrent.TimeoutException;
import org.imapferry.engine.connection.ServerByeException;
import org.imapferry.protocol.ImapFramingException;

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

    /**
     * Whether {@code e} ended a copy because of what a server did (a BYE, a silence past the
     * timeout, bytes that are not IMAP) rather than a connection that dropped: trying again meets
     * the same server, so it is worth one more try, not the run's whole reconnection budget.
     */
    public static boolean causedByServer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerByeException
                    || t instanceof TransferStalledException
                    || t instanceof ImapFramingException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
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
