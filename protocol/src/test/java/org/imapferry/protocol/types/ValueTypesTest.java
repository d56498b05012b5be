package org.imapferry.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Flag, Tag, Atom, Secret, Capabilities, MailboxName. */
class ValueTypesTest {
    @Test
    void flagEqualityIgnoresCase() {
        assertEquals(Flag.SEEN, new Flag("\\SEEN"));
        assertEquals(new Flag("$Forwarded"), new Flag("$forwarded"));
        assertEquals(new Flag("$Forwarded").hashCode(), new Flag("$FORWARDED").hashCode());
        assertEquals(Set.of(Flag.SEEN), Set.of(new Flag("\\seen")));
        assertNotEquals(Flag.SEEN, new Flag("Seen"), "a keyword is not the system flag");
        assertEquals("\\SEEN", new Flag("\\SEEN").toString(), "the spelling is kept");
        assertTrue(Flag.DRAFT.isSystemFlag());
        assertFalse(new Flag("Junk").isSystemFlag());
    }

    @Test
    void flagValidation() {
        for (String bad : new String[] {"", "\\", "a b", "(x)", "x]", "x%", "\"q\"", "é", "a\r", "\\\\x"}) {
            assertThrows(IllegalArgumentException.class, () -> new Flag(bad), bad);
        }
        assertEquals("\\*", Flag.ANY_KEYWORD.value());
        new Flag("$MDNSent");
        new Flag("\\Answered");
        new Flag("NonJunk");
    }

    @Test
    void tagValidation() {
        assertEquals("A001", new Tag("A001").toString());
        new Tag("a]");
        for (String bad : new String[] {"", "A+1", "A 1", "A(1", "A{1", "A%", "A*", "A\"", "A\\", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> new Tag(bad), bad);
        }
    }

    @Test
    void atomValidation() {
        new Atom("UTF8=ACCEPT");
        new Atom("X-GM-EXT-1");
        for (String bad :
                new String[] {"", "a]", "a b", "a%", "a*", "a(", "a)", "a{", "a\"", "a\\", "a\u007f", "a\u0001"}) {
            assertThrows(IllegalArgumentException.class, () -> new Atom(bad), bad);
        }
        assertTrue(Atom.isAstringChar(']'));
        assertFalse(Atom.isAtomChar(']'));
        assertThrows(IllegalArgumentException.class, () -> new Atom(null));
    }

    @Test
    void secretNeverShowsItsValue() {
        Secret secret = Secret.of("hunter2");
        assertEquals("***", secret.toString());
        assertEquals("hunter2", secret.reveal());
        assertEquals(Secret.of("hunter2"), secret);
        assertNotEquals(Secret.of("hunter3"), secret);
        assertFalse(String.valueOf(List.of(secret)).contains("hunter2"));
        assertTrue(Secret.of("").isEmpty());
        assertThrows(NullPointerException.class, () -> Secret.of(null));
    }

    @Test
    void capabilitiesAreCaseInsensitive() {
        Capabilities caps = Capabilities.of(
                List.of("imap4rev1", "Literal+", "AUTH=PLAIN", "auth=xoauth2", "IDLE", "APPENDLIMIT=35651584"));
        assertTrue(caps.has(Capability.IMAP4REV1));
        assertTrue(caps.has(Capability.LITERAL_PLUS));
        assertTrue(caps.has(new Capability("idle")));
        assertFalse(caps.has(Capability.LITERAL_MINUS));
        assertTrue(caps.hasAuth("plain"));
        assertTrue(caps.hasAuth("XOAUTH2"));
        assertFalse(caps.hasAuth("CRAM-MD5"));
        assertEquals(List.of("PLAIN", "XOAUTH2"), caps.authMechanisms());
        assertEquals(Optional.of(35651584L), caps.appendLimit());
        assertEquals("IMAP4REV1 LITERAL+ AUTH=PLAIN AUTH=XOAUTH2 IDLE APPENDLIMIT=35651584", caps.toString());
    }

    @Test
    void appendLimitWithoutAValue() {
        assertEquals(Optional.empty(), Capabilities.of(List.of("APPENDLIMIT")).appendLimit());
        assertEquals(Optional.empty(), Capabilities.NONE.appendLimit());
        assertEquals(
                Optional.empty(), Capabilities.of(List.of("APPENDLIMIT=lots")).appendLimit());
        assertEquals("", Capability.IDLE.parameter());
        assertEquals("DEFLATE", Capability.COMPRESS_DEFLATE.parameter());
    }

    @Test
    void mailboxNames() {
        assertEquals(MailboxName.INBOX, MailboxName.of("inbox"));
        assertTrue(MailboxName.of("InBoX").isInbox());
        assertFalse(MailboxName.of("INBOX/Sub").isInbox());
        assertEquals(
                "~peter/mail/&U,BTFw-/&ZeVnLIqe-",
                MailboxName.of("~peter/mail/台北/日本語").toWire());
        assertEquals(MailboxName.of("~peter/mail/台北/日本語"), MailboxName.fromWire("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
        for (String bad : new String[] {"", "a\rb", "a\nb", "a\0b"}) {
            assertThrows(IllegalArgumentException.class, () -> MailboxName.of(bad), bad);
        }
    }
}
