package org.imapferry.engine.transfer;

/**
 * Where a folder's copy offers {@link Slice}s of its copy list to connection pairs that have
 * nothing else to do. A slice nobody has taken can be withdrawn, and its folder copies it itself.
 */
public interface SliceQueue {
    /** How many connection pairs the run may use for copying, the folder's own included. */
    int pairs();

    void offer(Slice slice);

    /** @return true if the slice was still waiting, and is now the caller's to copy */
    boolean withdraw(Slice slice);
}
