package org.imapferry.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.transfer.Slice;
import org.imapferry.engine.transfer.TestSlices;
import org.junit.jupiter.api.Test;

/** How copying pairs share folders and the slices of large folders. */
class WorkBoardTest {
    private static final FolderPair INBOX = TestSlices.pair("INBOX");
    private static final FolderPair SENT = TestSlices.pair("Sent");

    private static CompletableFuture<WorkBoard.Work> nextInBackground(WorkBoard board) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return board.next();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void foldersAreHandedOutOnceThenTheBoardIsDone() throws Exception {
        WorkBoard board = new WorkBoard(List.of(INBOX, SENT), 2);
        assertEquals(new WorkBoard.FolderWork(INBOX), board.next());
        assertEquals(new WorkBoard.FolderWork(SENT), board.next());
        board.folderDone();
        board.folderDone();
        assertNull(board.next());
    }

    @Test
    void anIdlePairWaitsWhileAFolderRunsAndTakesTheSliceItOffers() throws Exception {
        WorkBoard board = new WorkBoard(List.of(INBOX), 2);
        assertEquals(new WorkBoard.FolderWork(INBOX), board.next());
        CompletableFuture<WorkBoard.Work> idle = nextInBackground(board);
        try {
            idle.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("an idle pair must wait while a folder may still offer slices");
        } catch (TimeoutException expected) {
            // Still waiting, as it should.
        }
        Slice slice = TestSlices.of("INBOX", 10);
        board.offer(slice);
        WorkBoard.Work taken = idle.get(5, TimeUnit.SECONDS);
        assertSame(slice, assertInstanceOf(WorkBoard.SliceWork.class, taken).slice());
        assertFalse(board.withdraw(slice), "a slice already taken cannot be withdrawn");

        CompletableFuture<WorkBoard.Work> last = nextInBackground(board);
        board.folderDone();
        assertNull(last.get(5, TimeUnit.SECONDS), "with no folder running the idle pair is released");
    }

    @Test
    void aSliceNobodyTookIsWithdrawnByItsFolder() throws Exception {
        WorkBoard board = new WorkBoard(List.of(INBOX), 2);
        board.next();
        Slice slice = TestSlices.of("INBOX", 10);
        board.offer(slice);
        assertTrue(board.withdraw(slice));
        assertFalse(board.withdraw(slice));
        board.folderDone();
        assertNull(board.next(), "the withdrawn slice is not handed out");
    }

    @Test
    void slicesComeBeforeNewFolders() throws Exception {
        WorkBoard board = new WorkBoard(List.of(INBOX, SENT), 3);
        board.next();
        Slice slice = TestSlices.of("INBOX", 10);
        board.offer(slice);
        assertInstanceOf(WorkBoard.SliceWork.class, board.next());
        assertEquals(new WorkBoard.FolderWork(SENT), board.next());
    }

    @Test
    void aFolderPutBackIsHandedOutAgain() throws Exception {
        WorkBoard board = new WorkBoard(List.of(INBOX), 2);
        board.next();
        board.putBack(INBOX);
        board.folderDone();
        assertEquals(new WorkBoard.FolderWork(INBOX), board.next());
        board.folderDone();
        assertNull(board.next());
    }

    @Test
    void stoppingReturnsTheFoldersNotStarted() throws Exception {
        WorkBoard board = new WorkBoard(List.of(INBOX, SENT), 2);
        board.next();
        assertEquals(List.of(SENT), board.stop());
        board.folderDone();
        assertNull(board.next());
    }
}
