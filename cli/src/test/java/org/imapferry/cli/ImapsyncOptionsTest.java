package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imapferry.engine.SyncOptions;
import org.junit.jupiter.api.Test;

/** imapsync options that imapferry takes over, accepts and ignores, or refuses with a reason. */
class ImapsyncOptionsTest {
    static SyncOptions options(String... extra) {
        return OptionParsingTest.options(extra);
    }

    static UserError refused(String... extra) {
        return assertThrows(UserError.class, () -> options(extra));
    }

    @Test
    void timeoutSetsBothAccountsAndTheLastOneWins() {
        SyncOptions o = options("--timeout", "30");
        assertEquals(Duration.ofSeconds(30), o.source().timeout());
        assertEquals(Duration.ofSeconds(30), o.target().timeout());
        SyncOptions p = options("--timeout1", "10", "--timeout", "30", "--timeout2", "50");
        assertEquals(Duration.ofSeconds(30), p.source().timeout());
        assertEquals(Duration.ofSeconds(50), p.target().timeout());
    }

    @Test
    void debugimapTracesBothSides() {
        SyncOptions o = options("--debugimap");
        assertTrue(o.source().trace() && o.target().trace());
        SyncOptions p = options("--debugimap", "--nodebugimap2");
        assertTrue(p.source().trace());
        assertFalse(p.target().trace());
    }

    @Test
    void authmd5MeansCramMd5() {
        SyncOptions o = options("--authmech1", "LOGIN", "--authmd52");
        assertEquals("LOGIN", o.source().authMechanism());
        SyncOptions p = ImapferryCommand.parse(
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
                        "--authmd5")
                .toSyncOptions(OptionParsingTest.NO_ENV);
        assertEquals("CRAM-MD5", p.source().authMechanism());
        assertEquals("CRAM-MD5", p.target().authMechanism());
    }

    @Test
    void oldNamesOfDelete1AndExpunge1() {
        SyncOptions o = options("--delete");
        assertTrue(o.messages().delete1());
        assertTrue(o.messages().expunge1(), "--delete1 implies --expunge1");
        assertTrue(options("--expunge").messages().expunge1());
        SyncOptions marked = options("--delete1", "--noexpunge1");
        assertTrue(marked.messages().delete1());
        assertFalse(marked.messages().expunge1(), "--noexpunge1 leaves the deleted messages marked");
        assertFalse(options("--delete1", "--nodelete1").messages().delete1());
        assertFalse(
                ImapferryCommand.parse(
                                "--gmail2",
                                "--host1",
                                "a",
                                "--user1",
                                "u",
                                "--password1",
                                "p",
                                "--user2",
                                "v",
                                "--password2",
                                "q",
                                "--noexpunge")
                        .toSyncOptions(OptionParsingTest.NO_ENV)
                        .messages()
                        .expunge1(),
                "an explicit option wins over --gmail2's --expunge1");
    }

    @Test
    void search1IsSearchAndSearch2IsIgnoredButNotWithDelete2() {
        assertEquals("SEEN", options("--search1", "SEEN").messages().search());
        ImapferryCommand c = ImapferryCommand.parse(OptionParsingTest.base("--search2", "SEEN"));
        c.toSyncOptions(OptionParsingTest.NO_ENV);
        assertEquals(
                List.of("--search2: accepted and ignored: imapferry compares each folder with all of "
                        + "host2's messages in it; refused with --delete2"),
                c.notices);
        UserError e = refused("--search2", "SEEN", "--delete2");
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--search2 cannot be used with --delete2"), e.getMessage());
        assertTrue(refused("--delete2", "--nouidexpunge2").getMessage().contains("--nouidexpunge2"));
    }

    @Test
    void appendlimitCapsTheMessageSize() {
        assertEquals(1000L, options("--appendlimit", "1000").messages().maxSize());
        assertEquals(
                500L,
                options("--appendlimit", "1000", "--maxsize", "500").messages().maxSize());
        assertEquals(
                1000L,
                options("--appendlimit", "1_000", "--maxsize", "5000")
                        .messages()
                        .maxSize());
    }

    @Test
    void folderNegationsCancelWhatCameBefore() {
        SyncOptions o = ImapferryCommand.parse(
                        "--gmail1",
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
                        "--exclude",
                        "Spam",
                        "--noexclude",
                        "--noautomap",
                        "--f1f2",
                        "A=B",
                        "--nof1f2",
                        "--f1f2h",
                        "C=D",
                        "--regexflag",
                        "s/a/b/",
                        "--noregexflag")
                .toSyncOptions(OptionParsingTest.NO_ENV);
        assertTrue(o.folders().exclude().isEmpty(), "--noexclude drops the preset's exclude too");
        assertFalse(o.folders().automap());
        assertEquals(Map.of("C", "D"), o.folders().f1f2());
        assertTrue(o.messages().regexFlag().isEmpty());
        assertTrue(options("--skipemptyfolders").folders().skipEmptyFolders());
        assertFalse(
                options("--skipemptyfolders", "--noskipemptyfolders").folders().skipEmptyFolders());
    }

    @Test
    void justbannerIsJustconnect() {
        assertTrue(options("--justbanner").modes().justConnect());
        assertFalse(options("--justbanner", "--nojustconnect").modes().justConnect());
    }

    @Test
    void logdirHoldsTheLogFile() {
        ImapferryCommand c = ImapferryCommand.parse(OptionParsingTest.base("--logdir", "/tmp/logs"));
        Path p = c.modes.logFile("u1", "u2");
        assertEquals(Path.of("/tmp/logs"), p.getParent());
        assertTrue(p.getFileName().toString().endsWith("_u1_u2.txt"), p.toString());
        ImapferryCommand d =
                ImapferryCommand.parse(OptionParsingTest.base("--logdir", "/tmp/logs", "--logfile", "run.txt"));
        assertEquals(Path.of("/tmp/logs/run.txt"), d.modes.logFile("u1", "u2"));
        assertNull(ImapferryCommand.parse(OptionParsingTest.base()).modes.logFile("u1", "u2"), "the default");
    }

    @Test
    void ignoredOptionsSayTheyAreIgnoredInOneLineEach() {
        ImapferryCommand c = ImapferryCommand.parse(OptionParsingTest.base(
                "--noexpungeaftereach",
                "--skipcrossduplicates",
                "--subscribeall",
                "--pidfile",
                "/tmp/x.pid",
                "--pidfilelocking",
                "--folderfirst",
                "INBOX",
                "--folderlast",
                "Trash",
                "--delete1emptyfolders",
                "--expunge2",
                "--uidexpunge2",
                "--maxsleep",
                "2",
                "--maxbytesafter",
                "1_000",
                "--inet4",
                "--inet6",
                "--syncflagsaftercopy",
                "--filterflags",
                "--debug",
                "--nomixfolders",
                "--checkselectable",
                "--sanitize",
                "--fixInboxINBOX",
                "--expungeaftereach"));
        SyncOptions o = c.toSyncOptions(OptionParsingTest.NO_ENV);
        assertEquals(22, c.notices.size(), c.notices::toString);
        assertTrue(
                c.notices.contains("--noexpungeaftereach: accepted and ignored: imapferry expunges host1 only "
                        + "after a folder's messages are on host2"),
                c.notices::toString);
        assertTrue(
                c.notices.stream().allMatch(n -> n.matches("--\\w+: accepted and ignored: .+")), c.notices::toString);
        assertEquals(SyncOptions.Folders.all(), o.folders(), "nothing of the folder plan changed");
        assertFalse(
                o.messages().delete1() || o.messages().delete2() || o.messages().expunge1());
    }

    @Test
    void ignoredOptionsAreNamedAtTheStartOfTheRun() {
        OptionParsingTest.Run r = OptionParsingTest.run(OptionParsingTest.base("--noexpungeaftereach"));
        assertTrue(r.out().contains("\n--noexpungeaftereach: accepted and ignored: "), r.all());
        assertTrue(r.out().indexOf("Host2: ") < r.out().indexOf("--noexpungeaftereach: accepted"), r.all());
    }

    @Test
    void refusedOptionsSayWhy() {
        for (String[] args : List.of(
                new String[] {"--subfolder2", "Backup"},
                new String[] {"--subfolder1", "B"},
                new String[] {"--delete2foldersonly", "Old"},
                new String[] {"--delete2foldersbutnot", "Keep"},
                new String[] {"--idatefromheader"},
                new String[] {"--messageidnodomain"},
                new String[] {"--skipheader", "X-.*"},
                new String[] {"--proxyauth1"},
                new String[] {"--abort"},
                new String[] {"--justautomap"},
                new String[] {"--exitwhenover", "500_000_000"},
                new String[] {"--dry1"},
                new String[] {"--domino2"})) {
            UserError e = refused(args);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(
                    e.getMessage().startsWith("imapsync's " + args[0] + " is not supported by imapferry: "),
                    e.getMessage());
        }
        assertTrue(refused("--subfolder2", "Backup").getMessage().contains("--regextrans2"));
        assertTrue(refused("--delete2foldersonly", "x").getMessage().contains("cannot be narrowed"));
    }

    @Test
    void aNegationOfARefusedOptionAsksForWhatImapferryDoes() {
        ImapferryCommand c = ImapferryCommand.parse(
                OptionParsingTest.base("--noaddheader", "--nodisarmreadreceipts", "--nouseuid", "--noidatefromheader"));
        c.toSyncOptions(OptionParsingTest.NO_ENV);
        assertEquals(4, c.notices.size(), c.notices::toString);
    }

    @Test
    void maxageAndMinageTakeFractionsOfADay() {
        SyncOptions o = options("--maxage", "1.5", "--minage", "0.25");
        assertEquals(Double.valueOf(1.5), o.messages().maxAgeDays());
        assertEquals(Double.valueOf(0.25), o.messages().minAgeDays());
        assertTrue(refused("--maxage", "1", "--minage", "2").getMessage().contains("--minage 2 is above --maxage 1"));
        assertTrue(refused("--maxage", "-1").getMessage().contains("must not be negative"));
    }

    @Test
    void presetsSayWhatTheySet() {
        ImapferryCommand c = ImapferryCommand.parse(
                "--gmail2",
                "--host1",
                "a",
                "--user1",
                "u",
                "--password1",
                "p",
                "--user2",
                "v",
                "--password2",
                "q",
                "--office1");
        c.toSyncOptions(OptionParsingTest.NO_ENV);
        assertEquals(2, c.notices.size(), c.notices::toString);
        String gmail = c.notices.get(0);
        assertTrue(gmail.startsWith("--gmail2 sets --host2 imap.gmail.com, --automap, --expunge1, "), gmail);
        assertTrue(gmail.contains("--maxbytespersecond 20000"), gmail);
        assertTrue(gmail.contains("--regextrans2 's,\\[Gmail\\].,,'"), gmail);
        assertTrue(c.notices.get(1).startsWith("--office1 sets --host1 outlook.office365.com"), c.notices::toString);
        ImapferryCommand e = ImapferryCommand.parse(OptionParsingTest.base("--exchange2"));
        e.toSyncOptions(OptionParsingTest.NO_ENV);
        assertEquals(List.of("--exchange2 sets --maxsize 10000000 (options given explicitly win)"), e.notices);
    }
}
