package org.imapferry.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.DecoderException;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.junit.jupiter.api.Test;

/**
 * A heap too small for a folder's plan ends the connection it happened on, as a decoder's
 * failure; the engine must see through that to the exhausted heap, which another attempt over new
 * sessions would meet again.
 */
class OutOfMemoryTest {
    @Test
    void anExhaustedHeapIsSeenThroughTheConnectionItEnded() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        assertTrue(SyncEngine.outOfMemory(heap));
        assertTrue(SyncEngine.outOfMemory(
                new ConnectionClosedException("the connection failed: Java heap space", new DecoderException(heap))));
    }

    @Test
    void aLostConnectionIsNotAnExhaustedHeap() {
        assertFalse(SyncEngine.outOfMemory(new ConnectionClosedException("the connection was closed", null)));
        assertFalse(SyncEngine.outOfMemory(new DecoderException("not IMAP")));
        assertFalse(SyncEngine.outOfMemory(null));
    }
}
