package org.imapferry.protocol.leak;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check must catch a real leak, or every "no leak" in this build means nothing. */
class LeakCheckExtensionTest {
    @Test
    void aLeakedBufferFailsTheCheck() {
        leakOne();
        // The check consumes the report, so the class-level check after this test stays green.
        assertThrows(AssertionError.class, () -> LeakCheckExtension.assertNoLeaks("leak probe"));
    }

    private static void leakOne() {
        PooledByteBufAllocator.DEFAULT.buffer(32).writeInt(7);
    }
}
