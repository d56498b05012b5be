package org.imapferry.protocol.literal;

import static org.imapferry.protocol.literal.LiteralMode.NON_SYNCHRONIZING;
import static org.imapferry.protocol.literal.LiteralMode.SYNCHRONIZING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imapferry.protocol.types.Capabilities;
import org.junit.jupiter.api.Test;

class LiteralModesTest {
    private static Capabilities caps(String... names) {
        return Capabilities.of(List.of(names));
    }

    @Test
    void literalPlusNeverWaits() {
        assertEquals(NON_SYNCHRONIZING, LiteralModes.choose(caps("IMAP4rev1", "LITERAL+"), 0));
        assertEquals(NON_SYNCHRONIZING, LiteralModes.choose(caps("literal+"), 50L << 20));
    }

    @Test
    void literalMinusOnlyUpTo4096Bytes() {
        assertEquals(NON_SYNCHRONIZING, LiteralModes.choose(caps("LITERAL-"), 4096));
        assertEquals(SYNCHRONIZING, LiteralModes.choose(caps("LITERAL-"), 4097));
        assertEquals(NON_SYNCHRONIZING, LiteralModes.choose(caps("IMAP4rev2"), 100), "IMAP4rev2 includes LITERAL-");
        assertEquals(SYNCHRONIZING, LiteralModes.choose(caps("IMAP4rev2"), 5000));
    }

    @Test
    void synchronizingAsLastResort() {
        assertEquals(SYNCHRONIZING, LiteralModes.choose(Capabilities.NONE, 1));
        assertEquals(SYNCHRONIZING, LiteralModes.choose(caps("IMAP4rev1", "MULTIAPPEND"), 1));
        assertThrows(IllegalArgumentException.class, () -> LiteralModes.choose(Capabilities.NONE, -1));
    }

    @Test
    void literal8OnlyForBodiesWithNulOnBinaryServers() {
        assertTrue(LiteralModes.literal8(caps("BINARY"), true));
        assertFalse(LiteralModes.literal8(caps("BINARY"), false));
        assertFalse(LiteralModes.literal8(caps("LITERAL+"), true));
    }
}
