package org.imapferry.engine.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubstitutionRuleTest {
    @Test
    void replacesFirstMatchUnlessGlobal() {
        assertEquals("Sent Items", SubstitutionRule.parse("s/Sent/Sent Items/").apply("Sent"));
        assertEquals("x-b-a", SubstitutionRule.parse("s/a/x-/").apply("ab-a"));
        assertEquals("xb-a", SubstitutionRule.parse("s/a/x/").apply("ab-a"));
        assertEquals("xb-x", SubstitutionRule.parse("s/a/x/g").apply("ab-a"));
    }

    @Test
    void caseInsensitiveIncludingNonAscii() {
        assertEquals("Sent Items", SubstitutionRule.parse("s/^sent$/Sent Items/i").apply("SENT"));
        assertEquals("R", SubstitutionRule.parse("s/^réçus$/R/i").apply("RÉÇUS"));
    }

    @Test
    void otherDelimitersAndEscapedDelimiters() {
        assertEquals("a.b.c", SubstitutionRule.parse("s,/,.,g").apply("a/b/c"));
        assertEquals("a|b", SubstitutionRule.parse("s|/|\\||").apply("a/b"));
        assertEquals("a_b", SubstitutionRule.parse("s/\\//_/").apply("a/b"));
    }

    @Test
    void groupReferencesPerlAndBackslashStyle() {
        assertEquals("Archive/2016", SubstitutionRule.parse("s/^(\\d+)$/Archive\\/$1/").apply("2016"));
        assertEquals("Archive.2016", SubstitutionRule.parse("s/^(\\d+)$/Archive.\\1/").apply("2016"));
        assertEquals("INBOX.x", SubstitutionRule.parse("s/^(.*)$/INBOX.$1/").apply("x"));
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/a/b"))
                .getMessage().contains("missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("y/a/b/"))
                .getMessage().contains("s/from/to/"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/a/b/q"))
                .getMessage().contains("unknown flag"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/(/b/"))
                .getMessage().contains("bad regular expression"));
        assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("sXaXbX"));
        assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/a/$2/").apply("a"))
                .getMessage().contains("bad replacement"));
    }
}
