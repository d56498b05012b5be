package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class NulScanTest {
    private static final int LENGTH = 41;

    /** Every NUL position of a 41-byte literal, at every start offset of a word, in the given kind of buffer. */
    private static void findsEveryNul(IntFunction<ByteBuf> allocate) {
        for (int offset = 0; offset < 9; offset++) {
            ByteBuf root = allocate.apply(offset + LENGTH + 9);
            try {
                root.writerIndex(root.capacity());
                for (int i = 0; i < root.capacity(); i++) {
                    // Around the literal: NULs, which a scan reading past its bounds would find.
                    root.setByte(i, i < offset || i >= offset + LENGTH ? 0 : 'a' + i % 26);
                }
                ByteBuf literal = root.slice(offset, LENGTH);
                assertFalse(NulScan.containsNul(literal), "offset " + offset + ", no NUL");
                for (int nul = 0; nul < LENGTH; nul++) {
                    literal.setByte(nul, 0);
                    assertTrue(NulScan.containsNul(literal), "offset " + offset + ", NUL at " + nul);
                    literal.setByte(nul, 0x80 | nul);
                    assertFalse(NulScan.containsNul(literal), "offset " + offset + ", byte 0x80|" + nul);
                }
            } finally {
                root.release();
            }
        }
    }

    @Test
    void directBuffersAreReadWordByWordWithinTheirBounds() {
        findsEveryNul(Unpooled::directBuffer);
    }

    @Test
    void heapBuffersTakeNettysPath() {
        findsEveryNul(Unpooled::buffer);
    }

    @Test
    void aCompositeBufferHasNoAddressAndIsScannedAllTheSame() {
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        try {
            composite.addComponents(
                    true,
                    Unpooled.directBuffer(8).writeLong(-1),
                    Unpooled.buffer(8).writeLong(-1));
            assertFalse(NulScan.containsNul(composite));
            composite.setByte(12, 0);
            assertTrue(NulScan.containsNul(composite));
            assertEquals(16, composite.readableBytes());
        } finally {
            composite.release();
        }
    }

    @Test
    void anEmptyLiteralHasNoNul() {
        ByteBuf empty = Unpooled.directBuffer(0);
        try {
            assertFalse(NulScan.containsNul(empty));
        } finally {
            empty.release();
        }
    }
}
