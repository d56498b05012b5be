package org.imapferry.engine.transfer;

/**
 * How much may be in flight on the target: APPENDs written but not yet answered, by count and by
 * bytes. Past either limit the relay stops reading the source until answers come back, so a
 * failure never has more than a window's worth of messages to redo. Event loop only.
 */
final class TransferWindow {
    private final int maxMessages;
    private final long maxBytes;
    private int messages;
    private long bytes;

    TransferWindow(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    void add(long length) {
        messages++;
        bytes += length;
    }

    void remove(int count, long length) {
        messages -= count;
        bytes -= length;
    }

    /**
     * Room for more, or no more than one message in flight: the relay counts a message from its
     * first byte, so a message larger than the byte limit would otherwise stop the reading of its
     * own literal, and its APPEND could never end.
     */
    boolean hasRoom() {
        return messages <= 1 || messages < maxMessages && bytes < maxBytes;
    }
}
