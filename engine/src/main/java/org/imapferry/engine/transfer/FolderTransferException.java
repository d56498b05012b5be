package org.imapferry.engine.transfer;

/** A folder's copy stopped because a connection failed; what was answered before is kept. */
public class FolderTransferException extends RuntimeException {
    public FolderTransferException(String folder, Throwable cause) {
        super("copy of " + folder + " stopped: " + cause.getMessage(), cause);
    }
}
