package org.imapferry.engine.transfer;

/**
 * Where a folder's copy offers {@link Slice}s of its copy list to connection pairs that have
 * nothing else to do. A slice nobody has taken can be withdrawn, and its folder copies it itself.
 */
public interface SliceQueue {
    /** A run with one connection pair: nothing is offered, every folder copies alone. */
    SliceQueue NONE = new SliceQueue() {
        @Override
        public int pairs() {
            return 1;
        }

        @Override
        public void offer(Slice slice) {
            throw new IllegalStateException("no other connection pair to take a slice");
        }

        @Override
        public boolean withdraw(Slice slice) {
            return false;
        }
    };

    /** How many connection pairs the run may use for copying, the folder's own included. */
    int pairs();

    void offer(Slice slice);

    /** @return true if the slice was still waiting, and is now the caller's to copy */
    boolean withdraw(Slice slice);
}
