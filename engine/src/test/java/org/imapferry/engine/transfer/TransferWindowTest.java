package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransferWindowTest {
    @Test
    void limitsByCountAndBytes() {
        TransferWindow window = new TransferWindow(3, 100);
        window.add(10);
        window.add(10);
        assertTrue(window.hasRoom());
        window.add(10);
        assertFalse(window.hasRoom(), "three messages is the count limit");
        window.remove(1, 10);
        assertTrue(window.hasRoom());
        window.add(90);
        assertFalse(window.hasRoom(), "110 bytes is past the byte limit");
        window.remove(3, 110);
        assertTrue(window.hasRoom());
    }

    @Test
    void aSingleMessageLargerThanTheWindowCanStillFinish() {
        TransferWindow window = new TransferWindow(256, 64L * 1024 * 1024);
        window.add(200L * 1024 * 1024);
        assertTrue(window.hasRoom(), "the relay must keep reading the literal of the one message in flight");
        window.add(10);
        assertFalse(window.hasRoom(), "but nothing more starts until the big one is answered");
        window.remove(1, 200L * 1024 * 1024);
        assertTrue(window.hasRoom());
    }
}
