package org.imapferry.engine.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KeyMatcher multisets, MessageKey normalization and HeaderFields unfolding. */
class IdentityTest {
    private static final List<String> USE = List.of("Message-ID", "Date", "From");

    private static MessageKey key(String headerBlock) {
        return MessageKey.of(HeaderFields.parse(headerBlock), USE, null, false);
    }

    @Test
    void twoSourceOneTargetSameKeyLeavesOneToCopy() {
        List<String> source = List.of("k", "k", "other");
        List<String> target = List.of("k");
        KeyMatcher.Match<String, String> match =
                KeyMatcher.match(source, s -> MessageKey.ofText(s, true), target, t -> MessageKey.ofText(t, true));
        assertEquals(1, match.pairs().size());
        assertEquals(List.of("k", "other"), match.sourceOnly());
        assertEquals(List.of(), match.targetOnly());
    }

    @Test
    void surplusOnTheTargetIsTargetOnly() {
        KeyMatcher.Match<String, String> match = KeyMatcher.match(
                List.of("k"), s -> MessageKey.ofText(s, true), List.of("k", "k", "z"), t -> MessageKey.ofText(t, true));
        assertEquals(1, match.pairs().size());
        assertEquals(List.of(), match.sourceOnly());
        assertEquals(2, match.targetOnly().size());
        assertTrue(match.targetOnly().containsAll(List.of("k", "z")));
    }

    @Test
    void equalCountsPairAll() {
        KeyMatcher.Match<String, String> match = KeyMatcher.match(
                List.of("k", "k"), s -> MessageKey.ofText(s, true), List.of("k", "k"), t -> MessageKey.ofText(t, true));
        assertEquals(2, match.pairs().size());
        assertTrue(match.sourceOnly().isEmpty() && match.targetOnly().isEmpty());
    }

    @Test
    void withoutMessageIdStillKeyedBySubjectAndOtherHeaders() {
        MessageKey a = key("Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nFrom: a@x\r\nSubject: one\r\n");
        MessageKey b = key("Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nFrom: a@x\r\nSubject: two\r\n");
        assertFalse(a.hasMessageId());
        assertNotEquals(a, b);
        assertEquals(a, key("date: Mon, 1 Jan 2024 00:00:00 +0000\r\nFROM: a@x\r\nsubject: one\r\n"));
        MessageKey nothing = key("");
        assertFalse(nothing.hasMessageId());
        assertEquals(nothing, key(null));
    }

    @Test
    void withMessageIdTheSubjectIsNotPartOfTheKey() {
        MessageKey a = key("Message-ID: <1@x>\r\nSubject: one\r\n");
        assertTrue(a.hasMessageId());
        assertEquals(a, key("Message-ID: <1@x>\r\nSubject: re-encoded one\r\n"));
        assertFalse(key("Message-ID:   \r\n").hasMessageId());
    }

    @Test
    void whitespaceIsNormalized() {
        assertEquals(
                key("Message-ID: <1@x>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nFrom: \"A B\" <a@x>\r\n"),
                key("Message-ID:    <1@x>   \r\nDate: Mon,\r\n\t1   Jan 2024\r\n 00:00:00 +0000\r\n"
                        + "From:\t\"A B\"   <a@x>\r\n"));
    }

    @Test
    void sizeJoinsOnlyOnRequest() {
        Map<String, String> h = HeaderFields.parse("Message-ID: <1@x>\r\n");
        assertEquals(MessageKey.of(h, USE, 10L, false), MessageKey.of(h, USE, 20L, false));
        assertNotEquals(MessageKey.of(h, USE, 10L, true), MessageKey.of(h, USE, 20L, true));
    }

    @Test
    void headerFieldsUnfoldLowercaseAndKeepTheFirst() {
        Map<String, String> fields = HeaderFields.parse("Subject: a long\r\n  folded\r\n\tsubject\r\n"
                + "Message-ID: <first@x>\r\nmessage-id: <second@x>\r\nX-Empty:\r\nFrom: a@x\r\n\r\n");
        assertEquals("a long folded subject", fields.get("subject"));
        assertEquals("<first@x>", fields.get("message-id"));
        assertEquals("", fields.get("x-empty"));
        assertEquals("a@x", fields.get("from"));
        assertEquals(Map.of("subject", "x y"), HeaderFields.parse("Subject: x\n y\n"));
        assertTrue(HeaderFields.parse(null).isEmpty());
        assertEquals(Map.of("from", "a@x"), HeaderFields.parse("From: a@x"));
        assertEquals(Map.of("subject", "a\rb", "to", "c"), HeaderFields.parse("Subject: a\rb\r\nTo: c\r\n"));
    }

    @Test
    void normalizingCollapsesWhatARegularExpressionsWhitespaceClassWould() {
        for (String v : new String[] {
            "", "  ", "a", " a  b ", "a\tb\r\n c", "a\u000Bb\fc", "a\u00A0b", "\u2003a b\u2003", "x \t\n y z"
        }) {
            assertEquals(v.strip().replaceAll("\\s+", " "), MessageKey.normalize(v), v);
        }
        assertEquals("", MessageKey.normalize(null));
    }

    @Test
    void aKeyIsItsTextsDigestSoEqualTextsMatchAndOthersDoNot() {
        assertEquals(MessageKey.ofText("message-id=<1@x>\n", true), MessageKey.ofText("message-id=<1@x>\n", true));
        assertNotEquals(MessageKey.ofText("message-id=<1@x>\n", true), MessageKey.ofText("message-id=<2@x>\n", true));
        assertNotEquals(MessageKey.ofText("k", true), MessageKey.ofText("k", false));
        // The first 128 bits of SHA-256("abc"), FIPS 180-2's example.
        assertEquals(new MessageKey(0xba7816bf8f01cfeaL, 0x414140de5dae2223L, true), MessageKey.ofText("abc", true));
    }
}
