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
        assertEquals(
                "Sent Items", SubstitutionRule.parse("s/^sent$/Sent Items/i").apply("SENT"));
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
        assertEquals(
                "Archive/2016",
                SubstitutionRule.parse("s/^(\\d+)$/Archive\\/$1/").apply("2016"));
        assertEquals(
                "Archive.2016",
                SubstitutionRule.parse("s/^(\\d+)$/Archive.\\1/").apply("2016"));
        assertEquals("INBOX.x", SubstitutionRule.parse("s/^(.*)$/INBOX.$1/").apply("x"));
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/a/b"))
                .getMessage()
                .contains("missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("y/a/b/"))
                .getMessage()
                .contains("s/from/to/"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/a/b/q"))
                .getMessage()
                .contains("unknown flag"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/(/b/"))
                .getMessage()
                .contains("bad regular expression"));
        assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("sXaXbX"));
        assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse(null));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> SubstitutionRule.parse("s/a/$2/").apply("a"))
                .getMessage()
                .contains("bad replacement"));
    }

    @Test
    void bracketDelimitersAsInPerl() {
        assertEquals(
                "Sent Items", SubstitutionRule.parse("s{^Sent$}{Sent Items}").apply("Sent"));
        assertEquals(
                "Archive/2016",
                SubstitutionRule.parse("s[^(\\d+)$][Archive/$1]").apply("2016"));
        assertEquals("x", SubstitutionRule.parse("s(^a{1,2}$)(x)").apply("aa"));
        assertEquals("b-b", SubstitutionRule.parse("s<a> <b>g").apply("a-a"));
        assertEquals("X}", SubstitutionRule.parse("s{a}{X\\}}").apply("a"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s{a}{b"))
                .getMessage()
                .contains("closing '}' is missing"));
    }

    @Test
    void perlGroupReferencesInTheReplacement() {
        assertEquals("2016-x", SubstitutionRule.parse("s/^(\\d+)$/${1}-x/").apply("2016"));
        assertEquals("20160", SubstitutionRule.parse("s/^(\\d+)$/${1}0/").apply("2016"));
        assertEquals("[Sent]", SubstitutionRule.parse("s/Sent/[$&]/").apply("Sent"));
        assertEquals("a$b\\c", SubstitutionRule.parse("s/x/a\\$b\\\\c/").apply("x"));
        assertEquals("-", SubstitutionRule.parse("s/^(a)?-$/$1-/").apply("-"), "a group that did not take part");
        assertEquals("a$", SubstitutionRule.parse("s/x/a$/").apply("x"));
    }

    @Test
    void aReplacementNamingAMissingGroupFailsWhenParsed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/(a)/$2/"))
                .getMessage()
                .contains("refers to group 2 but the pattern has one group"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/a/${x}/"))
                .getMessage()
                .contains("bad replacement"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SubstitutionRule.parse("s/a/"))
                .getMessage()
                .contains("missing"));
    }
}
