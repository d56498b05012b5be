package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.Endpoint.Security;
import org.junit.jupiter.api.Test;

/** Getopt::Long's forms, as imapsync's users write them (see {@link ImapsyncArguments}). */
class ImapsyncFormsTest {
    static SyncOptions options(String... args) {
        return ImapferryCommand.parse(args).toSyncOptions(OptionParsingTest.NO_ENV);
    }

    @Test
    void singleDashNamesAreLongNames() {
        SyncOptions o = options(
                "-host1",
                "a.example",
                "-user1",
                "u",
                "-password1",
                "p",
                "-host2",
                "b.example",
                "-user2",
                "v",
                "-password2",
                "q",
                "-exclude",
                "Spam");
        assertEquals("a.example", o.source().host());
        assertEquals("b.example", o.target().host());
        assertEquals("Spam", o.folders().exclude().get(0).pattern());
    }

    @Test
    void singleDashHostRunsInsteadOfPrintingTheHelp() {
        OptionParsingTest.Run r = OptionParsingTest.run(
                "-host1",
                "a.example",
                "-user1",
                "u",
                "-password1",
                "p",
                "-host2",
                "b.example",
                "-user2",
                "v",
                "-password2",
                "q",
                "-nolog");
        assertFalse(r.out().contains("Usage:"), r.all());
        assertTrue(r.out().contains("Host1: u@a.example:993 (TLS)"), r.all());
        assertEquals(70, r.code(), r.all()); // parsed and run: the test's engine refuses
    }

    @Test
    void namesAreCaseInsensitive() {
        SyncOptions o = options(
                "--HOST1",
                "a",
                "--User1",
                "u",
                "--password1",
                "p",
                "--Host2",
                "b",
                "--USER2",
                "v",
                "--password2",
                "q",
                "--AutoMap",
                "--fixInboxINBOX",
                "--FIXINBOXINBOX");
        assertEquals("a", o.source().host());
        assertTrue(o.folders().automap());
    }

    @Test
    void uniquePrefixesStandForTheWholeName() {
        SyncOptions o =
                OptionParsingTest.options("--exclu", "Trash", "--regextrans", "s/a/b/", "--justfolders", "--maxa", "3");
        assertEquals("Trash", o.folders().exclude().get(0).pattern());
        assertEquals(List.of("s/a/b/"), o.folders().regextrans2());
        assertEquals(Double.valueOf(3), o.messages().maxAgeDays());
    }

    @Test
    void anAmbiguousPrefixIsAUsageErrorNamingTheCandidates() {
        OptionParsingTest.Run r = OptionParsingTest.run("--host", "a", "--user1", "u");
        assertEquals(64, r.code(), r.all());
        assertTrue(r.err().contains("--host is ambiguous"), r.err());
        assertTrue(r.err().contains("--host1") && r.err().contains("--host2"), r.err());
        OptionParsingTest.Run d = OptionParsingTest.run(OptionParsingTest.base("--delete2f"));
        assertEquals(64, d.code(), d.all());
        assertTrue(d.err().contains("--delete2folders"), d.err());
    }

    @Test
    void anExactNameWinsOverLongerNamesItStarts() {
        // --delete is imapsync's old name of --delete1, although --delete2... start with it too.
        SyncOptions o = OptionParsingTest.options("--delete");
        assertTrue(o.messages().delete1());
        assertFalse(o.messages().delete2());
    }

    @Test
    void equalsSignValues() {
        SyncOptions o = options(
                "--host1=a",
                "--user1=u",
                "--password1=p=q",
                "-host2=b",
                "--user2=v",
                "--password2=w",
                "--exclude=^Trash$",
                "--maxsize=1_000");
        assertEquals("a", o.source().host());
        assertEquals("p=q", o.source().password().reveal());
        assertEquals("^Trash$", o.folders().exclude().get(0).pattern());
        assertEquals(1000L, o.messages().maxSize());
    }

    @Test
    void perlNumbersWithUnderscoresAndDecimals() {
        SyncOptions o = OptionParsingTest.options(
                "--maxsize",
                "10_000_000",
                "--maxage",
                "1.5",
                "--minage",
                "0.5",
                "--maxbytespersecond",
                "20_000",
                "--timeout",
                "1.5");
        assertEquals(10_000_000L, o.messages().maxSize());
        assertEquals(Double.valueOf(1.5), o.messages().maxAgeDays());
        assertEquals(Double.valueOf(0.5), o.messages().minAgeDays());
        assertEquals(20_000L, o.pace().maxBytesPerSecond());
        assertEquals(Duration.ofMillis(1500), o.source().timeout());
        // an underscore in a string value is the value's own
        assertEquals(
                "a_b",
                OptionParsingTest.options("--folder", "a_b").folders().folder().get(0));
    }

    @Test
    void valuesThatLookLikeOptionsAreLeftAlone() {
        SyncOptions o = OptionParsingTest.options("--exclude", "-host1", "--folder", "--Sent");
        assertEquals("-host1", o.folders().exclude().get(0).pattern());
        assertEquals(List.of("--Sent"), o.folders().folder());
    }

    @Test
    void doubleDashEndsTheOptions() {
        OptionParsingTest.Run r = OptionParsingTest.run(OptionParsingTest.base("--", "-exclude"));
        assertEquals(64, r.code(), r.all());
        assertTrue(r.err().contains("-exclude"), r.err());
    }

    @Test
    void negationsInBothSpellings() {
        assertFalse(OptionParsingTest.options("--dry", "--nodry").modes().dry());
        assertFalse(OptionParsingTest.options("--dry", "--no-dry").modes().dry());
        assertTrue(OptionParsingTest.options("--nodry", "--dry").modes().dry());
        assertFalse(
                OptionParsingTest.options("--automap", "--noautomap").folders().automap());
        assertFalse(
                OptionParsingTest.options("--delete2", "--nodelete2").messages().delete2());
        assertTrue(OptionParsingTest.options("--nosyncinternaldates", "--syncinternaldates")
                .messages()
                .syncInternalDates());
        assertFalse(
                OptionParsingTest.options("--no-syncinternaldates").messages().syncInternalDates());
    }

    @Test
    void theLastOfAPairWins() {
        SyncOptions plain = options(
                "--host1",
                "a",
                "--user1",
                "u",
                "--password1",
                "p",
                "--ssl1",
                "--nossl1",
                "--notls1",
                "--host2",
                "b",
                "--user2",
                "v",
                "--password2",
                "q",
                "--nossl2",
                "--ssl2");
        assertEquals(Security.PLAIN, plain.source().security());
        assertEquals(143, plain.source().port());
        assertEquals(Security.TLS, plain.target().security());
        SyncOptions starttls = options(
                "--host1",
                "a",
                "--user1",
                "u",
                "--password1",
                "p",
                "--notls1",
                "--tls1",
                "--nossl1",
                "--host2",
                "b",
                "--user2",
                "v",
                "--password2",
                "q",
                "--tls2",
                "--notls2",
                "--nossl2");
        assertEquals(Security.STARTTLS, starttls.source().security());
        assertEquals(Security.PLAIN, starttls.target().security());
        assertNotEquals(
                Security.PLAIN,
                options(
                                "--host1",
                                "a",
                                "--user1",
                                "u",
                                "--password1",
                                "p",
                                "--host2",
                                "b",
                                "--user2",
                                "v",
                                "--password2",
                                "q",
                                "--nossl2",
                                "--ssl2")
                        .target()
                        .security());
        ImapferryCommand logged = ImapferryCommand.parse("--nolog", "--log");
        assertFalse(logged.modes.noLog);
        assertTrue(ImapferryCommand.parse("--log", "--nolog").modes.noLog);
    }

    @Test
    void subcommandsGetTheSameForms() {
        OptionParsingTest.Run r = OptionParsingTest.run("verify", "-host1", "a", "--HOST", "b");
        assertEquals(64, r.code(), r.all());
        assertTrue(r.err().contains("--HOST is ambiguous"), r.err());
    }
}
