package org.imapferry.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.transfer.Slice;
import org.imapferry.engine.transfer.SliceQueue;

/**
 * The work of a run's copying pairs: folders to copy, and slices of large folders that the pair
 * copying them offers to the others. A pair takes a slice before a new folder, so a large folder
 * is not left to finish alone at the end of the run. A pair with nothing to take waits while any
 * folder is still being copied, since that folder may yet offer slices.
 */
final class WorkBoard implements SliceQueue {
    /** One piece of work: a folder, or a slice of one. */
    sealed interface Work permits FolderWork, SliceWork {}

    record FolderWork(FolderPair pair) implements Work {}

    record SliceWork(Slice slice) implements Work {}

    private final Deque<FolderPair> folders;
    private final Deque<Slice> slices = new ArrayDeque<>();
    private final int pairs;
    private int foldersRunning;

    WorkBoard(List<FolderPair> folders, int pairs) {
        this.folders = new ArrayDeque<>(folders);
        this.pairs = pairs;
    }

    /** The next piece of work, waiting for one if a folder may still offer slices; null when all is done. */
    synchronized Work next() throws InterruptedException {
        while (true) {
            if (!slices.isEmpty()) {
                return new SliceWork(slices.poll());
            }
            if (!folders.isEmpty()) {
                foldersRunning++;
                return new FolderWork(folders.poll());
            }
            if (foldersRunning == 0) {
                return null;
            }
            wait();
        }
    }

    /** The folder taken with {@link #next()} is finished, copied or not. */
    synchronized void folderDone() {
        foldersRunning--;
        notifyAll();
    }

    /** A folder taken with {@link #next()} goes back, to be copied again on fresh connections. */
    synchronized void putBack(FolderPair pair) {
        folders.addFirst(pair);
        notifyAll();
    }

    /** Stops handing out folders (--errorsmax was reached); those still waiting are returned. */
    synchronized List<FolderPair> stop() {
        List<FolderPair> left = new ArrayList<>(folders);
        folders.clear();
        notifyAll();
        return left;
    }

    @Override
    public int pairs() {
        return pairs;
    }

    @Override
    public synchronized void offer(Slice slice) {
        slices.add(slice);
        notifyAll();
    }

    @Override
    public synchronized boolean withdraw(Slice slice) {
        return slices.remove(slice);
    }
}
