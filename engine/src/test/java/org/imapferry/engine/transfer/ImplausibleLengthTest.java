package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which body literals the relay refuses to open an APPEND for, against the message's RFC822.SIZE. */
class ImplausibleLengthTest {
    private static final long GIB = 1L << 30;

    @Test
    void absurdLengthsForSmallMessagesAreRefused() {
        assertTrue(MessageRelay.implausible(99_999_999_999_999L, 106));
        assertTrue(MessageRelay.implausible(2_147_483_648L, 106));
        assertTrue(MessageRelay.implausible(GIB + 1, 0));
    }

    @Test
    void estimatesThatAreOffAreNotRefused() {
        // Exchange's RFC822.SIZE is an estimate: a body twice or ten times it still goes.
        assertFalse(MessageRelay.implausible(40_000_000, 2_000_000));
        assertFalse(MessageRelay.implausible(GIB, 1));
        assertFalse(MessageRelay.implausible(3 * GIB, GIB));
        assertFalse(MessageRelay.implausible(16 * GIB, GIB));
        assertTrue(MessageRelay.implausible(16 * GIB + 16, GIB));
    }

    @Test
    void anUnknownSizeRefusesNothing() {
        assertFalse(MessageRelay.implausible(99_999_999_999_999L, -1));
    }
}
