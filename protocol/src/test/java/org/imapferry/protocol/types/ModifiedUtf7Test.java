package org.imapferry.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ModifiedUtf7Test {
    @Test
    void rfc3501Example() {
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/台北/日本語"));
        assertEquals("~peter/mail/台北/日本語", ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
    }

    @Test
    void ampersand() {
        assertEquals("&-", ModifiedUtf7.encode("&"));
        assertEquals("R&-D &- Co", ModifiedUtf7.encode("R&D & Co"));
        assertEquals("R&D & Co", ModifiedUtf7.decode("R&-D &- Co"));
    }

    @Test
    void printableAsciiStandsForItself() {
        String ascii = " !\"#$%'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~";
        assertEquals(ascii, ModifiedUtf7.encode(ascii));
        assertEquals(ascii, ModifiedUtf7.decode(ascii));
    }

    @Test
    void nonAsciiRuns() {
        assertEquals("Entw&APw-rfe", ModifiedUtf7.encode("Entwürfe"));
        assertEquals("&AMQA1gDc-", ModifiedUtf7.encode("ÄÖÜ"));
        assertEquals("&2D3eAA-", ModifiedUtf7.encode("\uD83D\uDE00"));
        assertEquals("Entwürfe", ModifiedUtf7.decode("Entw&APw-rfe"));
    }

    @Test
    void invalidInputIsKeptRaw() {
        assertEquals("a&b", ModifiedUtf7.decode("a&b"), "no closing -");
        assertEquals("&Jjo!-", ModifiedUtf7.decode("&Jjo!-"), "not base64");
        assertEquals("&AM-", ModifiedUtf7.decode("&AM-"), "odd number of bytes");
        assertEquals("Entwürfe &x", ModifiedUtf7.decode("Entwürfe &x"), "raw UTF-8 from a lax server");
        assertEquals("&2D0-", ModifiedUtf7.decode("&2D0-"), "a lone high surrogate");
        assertEquals("&U/BTFw-", ModifiedUtf7.decode("&U/BTFw-"), "plain BASE64 '/' instead of ','");
        assertEquals("&APw=-", ModifiedUtf7.decode("&APw=-"), "padding");
    }

    // A name a server lists in a form that is not modified UTF-7 is the only spelling that
    // server knows the folder by: it goes back as it came, while a new name is encoded.
    @Test
    void aNameReadFromAServerGoesBackInTheServersOwnSpelling() {
        for (String wire : new String[] {"Foo&Bar", "&Jjo!-", "Entwürfe", "&AGE-"}) {
            MailboxName read = MailboxName.fromWire(wire);
            assertEquals(wire, read.toWire());
            assertEquals(MailboxName.of(read.name()), read, "the same folder as the user sees it");
            assertEquals(MailboxName.of(read.name()).hashCode(), read.hashCode());
        }
        assertEquals("Foo&-Bar", MailboxName.of("Foo&Bar").toWire());
        assertEquals("Entw&APw-rfe", MailboxName.of("Entwürfe").toWire());
        assertEquals("a", MailboxName.fromWire("&AGE-").name());
        assertNull(MailboxName.fromWire("Entw&APw-rfe").wire(), "a canonical spelling is not kept twice");
        assertNull(MailboxName.fromWire("inbox").wire());
    }

    @Property
    void decodeInvertsEncode(@ForAll("names") String name) {
        assertEquals(name, ModifiedUtf7.decode(ModifiedUtf7.encode(name)));
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<Character> ascii = Arbitraries.chars().range(' ', '~');
        Arbitrary<Character> special = Arbitraries.of('&', '-', ',', '/', '+', '"', '\\');
        Arbitrary<Character> bmp = Arbitraries.chars().range('\u00a0', '\ud7ff');
        Arbitrary<String> pair = Arbitraries.of("\uD83D\uDE00", "\uD834\uDD1E");
        return Arbitraries.oneOf(
                        ascii.map(String::valueOf), special.map(String::valueOf), bmp.map(String::valueOf), pair)
                .list()
                .ofMaxSize(20)
                .map(parts -> String.join("", parts));
    }
}
