package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.Endpoint.Security;
import org.imapferry.engine.connection.Secrets;
import org.imapferry.engine.folder.SubstitutionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OptionParsingTest {
    static final String PW1 = "s3cr3t-Source-Pw";
    static final String PW2 = "t0p-Target-Pw";
    static final List<String> BASE = List.of(
            "--host1",
            "src-host",
            "--user1",
            "src-user",
            "--password1",
            PW1,
            "--authmech1",
            "LOGIN",
            "--ssl1",
            "--host2",
            "dst-host",
            "--user2",
            "dst-user",
            "--password2",
            PW2,
            "--authmech2",
            "LOGIN",
            "--ssl2");
    static final PasswordSource NO_ENV = new PasswordSource(Map.of(), () -> null);

    static SyncOptions options(String... extra) {
        List<String> args = new ArrayList<>(BASE);
        args.addAll(List.of(extra));
        return ImapferryCommand.parse(args.toArray(String[]::new)).toSyncOptions(NO_ENV);
    }

    /** Runs the real command line (Main's), capturing its output. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ImapferryCommand c = cl.getCommand();
        c.passwords = NO_ENV;
        c.engine = (o, l) -> {
            throw new UnsupportedOperationException("no engine in this test");
        };
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String[] base(String... extra) {
        List<String> args = new ArrayList<>(BASE);
        args.add("--nolog");
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void firstArticleLine() {
        SyncOptions o = options();
        for (Endpoint e : List.of(o.source(), o.target())) {
            assertEquals(993, e.port());
            assertEquals(Security.TLS, e.security());
            assertEquals("LOGIN", e.authMechanism());
            assertTrue(e.verifyCertificates());
        }
        assertEquals("src-host", o.source().host());
        assertEquals("src-user", o.source().user());
        assertEquals(PW1, o.source().password().reveal());
        assertEquals("dst-host", o.target().host());
        assertEquals("dst-user", o.target().user());
        assertEquals(PW2, o.target().password().reveal());
        assertEquals(SyncOptions.Folders.all(), o.folders());
        assertEquals(50, o.modes().errorsMax());
    }

    @Test
    void excludeLine() {
        SyncOptions o = options("--exclude", "Trash|Spam|Drafts");
        assertEquals(1, o.folders().exclude().size());
        assertEquals("Trash|Spam|Drafts", o.folders().exclude().get(0).pattern());
        assertTrue(o.folders().exclude().get(0).matcher("Spam").find());
    }

    @Test
    void folderAndRegextrans2Line() {
        SyncOptions o = options("--folder", "Sent", "--regextrans2", "s/Sent/Sent Items/");
        assertEquals(List.of("Sent"), o.folders().folder());
        assertEquals(List.of("s/Sent/Sent Items/"), o.folders().regextrans2());
        assertEquals("Sent Items", SubstitutionRule.parse("s/Sent/Sent Items/").apply("Sent"));
    }

    @Test
    void skipsizeLine() {
        // imapsync's --skipsize (the default) leaves the size out of the identity.
        assertFalse(options("--skipsize").messages().sizeInIdentity());
        assertTrue(options("--noskipsize").messages().sizeInIdentity());
        assertFalse(options().messages().sizeInIdentity());
    }

    @Test
    void securityDefaults() {
        assertEquals(Security.TLS, EndpointOptions.security(null, null, null));
        assertEquals(Security.TLS, EndpointOptions.security(null, null, 993));
        assertEquals(Security.STARTTLS_IF_OFFERED, EndpointOptions.security(null, null, 143));
        assertEquals(Security.STARTTLS, EndpointOptions.security(null, true, 143));
        assertEquals(Security.PLAIN, EndpointOptions.security(false, false, null));
        assertEquals(Security.STARTTLS_IF_OFFERED, EndpointOptions.security(false, null, null));
        SyncOptions o = ImapferryCommand.parse(
                        "--host1",
                        "a",
                        "--user1",
                        "u",
                        "--password1",
                        "p",
                        "--port1",
                        "143",
                        "--host2",
                        "b",
                        "--user2",
                        "v",
                        "--password2",
                        "q",
                        "--tls2",
                        "--insecure2")
                .toSyncOptions(NO_ENV);
        assertEquals(143, o.source().port());
        assertEquals(Security.STARTTLS_IF_OFFERED, o.source().security());
        assertEquals(143, o.target().port());
        assertEquals(Security.STARTTLS, o.target().security());
        assertFalse(o.target().verifyCertificates());
    }

    @Test
    void manyOptionsMap() {
        SyncOptions o = options(
                "--include",
                "^INBOX",
                "--f1f2",
                "Old=New",
                "--automap",
                "--sep1",
                ".",
                "--prefix1",
                "INBOX.",
                "--maxage",
                "30",
                "--maxsize",
                "1000",
                "--useheader",
                "Message-Id",
                "--noresyncflags",
                "--delete2",
                "--dry",
                "--justfolders",
                "--errorsmax",
                "7",
                "--maxbytespersecond",
                "1000",
                "--maxmessagespersecond",
                "2.5",
                "--connections",
                "5",
                "--state",
                "state.db",
                "--timeout1",
                "30",
                "--debugimap2");
        assertEquals(Map.of("Old", "New"), o.folders().f1f2());
        assertTrue(o.folders().automap());
        assertEquals('.', o.folders().sep1());
        assertEquals("INBOX.", o.folders().prefix1());
        assertEquals(Double.valueOf(30), o.messages().maxAgeDays());
        assertEquals(1000L, o.messages().maxSize());
        assertEquals(List.of("Message-Id"), o.messages().useHeaders());
        assertEquals(SyncOptions.FlagSync.NONE, o.messages().flagSync());
        assertTrue(o.messages().delete2());
        assertTrue(o.messages().syncInternalDates());
        assertTrue(o.modes().dry());
        assertTrue(o.modes().justFolders());
        assertEquals(7, o.modes().errorsMax());
        assertEquals(1000, o.pace().maxBytesPerSecond());
        assertEquals(2.5, o.pace().maxMessagesPerSecond());
        assertEquals(5, o.connections());
        assertEquals(Path.of("state.db"), o.stateFile());
        assertEquals(30, o.source().timeout().toSeconds());
        assertTrue(o.target().trace());
        assertTrue(options("--delete1").messages().expunge1());
    }

    @Test
    void reconnectMaxIsTheRunsBudgetAndCannotBeNegative() {
        assertEquals(SyncOptions.RECONNECT_MAX, options().reconnectMax());
        assertEquals(5, options("--reconnect-max", "5").reconnectMax());
        assertEquals(0, options("--reconnect-max", "0").reconnectMax());
        UserError negative = assertThrows(UserError.class, () -> options("--reconnect-max", "-1"));
        assertEquals(ExitCode.USAGE, negative.exitCode());
        assertTrue(negative.getMessage().contains("--reconnect-max"), negative.getMessage());
    }

    @Test
    void presets() {
        SyncOptions o = ImapferryCommand.parse(
                        "--gmail1", "--user1", "u", "--password1", "p", "--office2", "--user2", "v", "--password2", "q")
                .toSyncOptions(NO_ENV);
        assertEquals("imap.gmail.com", o.source().host());
        assertEquals(Security.TLS, o.source().security());
        assertEquals("outlook.office365.com", o.target().host());
        assertEquals(45_000_000L, o.messages().maxSize());
        assertEquals(4.0, o.pace().maxMessagesPerSecond());
        assertTrue(o.folders().automap());
        // explicit options win over presets
        SyncOptions p = ImapferryCommand.parse(
                        "--gmail1",
                        "--host1",
                        "other",
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
                        "--maxbytespersecond",
                        "5")
                .toSyncOptions(NO_ENV);
        assertEquals("other", p.source().host());
        assertEquals(5, p.pace().maxBytesPerSecond());
    }

    @Test
    void passwordOrder(@TempDir Path dir) throws Exception {
        Path passfile = dir.resolve("pw");
        Files.writeString(passfile, "from-file\nsecond line\n");
        PasswordSource env = new PasswordSource(
                Map.of("IMAPSYNC_PASSWORD1", "from-imapsync-env", "IMAPFERRY_PASSWORD2", "from-env"), () -> null);
        SyncOptions o = ImapferryCommand.parse("--host1", "a", "--user1", "u", "--host2", "b", "--user2", "v")
                .toSyncOptions(env);
        assertEquals("from-imapsync-env", o.source().password().reveal());
        assertEquals("from-env", o.target().password().reveal());
        SyncOptions f = ImapferryCommand.parse(
                        "--host1",
                        "a",
                        "--user1",
                        "u",
                        "--passfile1",
                        passfile.toString(),
                        "--host2",
                        "b",
                        "--user2",
                        "v",
                        "--password2",
                        "opt")
                .toSyncOptions(env);
        assertEquals("from-file", f.source().password().reveal());
        assertEquals("opt", f.target().password().reveal());
        UserError none = assertThrows(
                UserError.class,
                () -> ImapferryCommand.parse("--host1", "a", "--user1", "u", "--host2", "b", "--user2", "v")
                        .toSyncOptions(NO_ENV));
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertTrue(none.getMessage().contains("--passfile1"), none.getMessage());
    }

    @Test
    void oauthTokenFromFile(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "ya29.token\n");
        SyncOptions o = ImapferryCommand.parse(
                        "--host1",
                        "a",
                        "--user1",
                        "u",
                        "--oauthaccesstoken1",
                        token.toString(),
                        "--host2",
                        "b",
                        "--user2",
                        "v",
                        "--password2",
                        "q")
                .toSyncOptions(NO_ENV);
        assertEquals("ya29.token", o.source().oauthToken().reveal());
        assertEquals("XOAUTH2", o.source().authMechanism());
        assertNull(o.source().password());
    }

    @Test
    void misspelledOptionSuggests() {
        Run r = run(base("--exlude", "Trash"));
        assertEquals(64, r.code());
        assertTrue(r.err().contains("--exlude"), r.err());
        assertTrue(r.err().contains("--exclude"), r.err());
        assertFalse(r.all().contains("at org."), r.all());
    }

    @Test
    void unsupportedOptionsSayWhy() {
        Run r = run(base("--regexmess", "s/a/b/"));
        assertEquals(64, r.code());
        assertTrue(r.err().contains("--regexmess is not supported"), r.err());
        assertTrue(r.err().contains("never alters a message"), r.err());
        Run u = run(base("--useuid"));
        assertEquals(64, u.code());
        assertTrue(u.err().contains("--state"), u.err());
        assertEquals(1, u.err().lines().filter(l -> l.contains("not supported")).count(), u.err());
        Run ignored = run(base("--noreleasecheck", "--nofoldersizes"));
        assertEquals(70, ignored.code(), ignored.all()); // parsed fine; our stub engine refuses
    }

    @Test
    void badRegexesAreClear() {
        for (String[] args : List.of(
                new String[] {"--exclude", "Trash("},
                new String[] {"--include", "[a"},
                new String[] {"--regextrans2", "s/Sent(/X/"},
                new String[] {"--regextrans2", "s/Sent/X"},
                new String[] {"--regextrans2", "Sent=X"},
                new String[] {"--regextrans2", "s/a/b/q"},
                new String[] {"--regextrans2", "s/a/"},
                new String[] {"--regextrans2", "s/(a)/$2/"},
                new String[] {"--regextrans2", "s{a}{b"},
                new String[] {"--regexflag", "s/x/${y}/"},
                new String[] {"--f1f2", "NoEquals"},
                new String[] {"--authmech1", "NTLM"})) {
            Run r = run(base(args));
            assertEquals(64, r.code(), String.join(" ", args) + ": " + r.all());
            assertTrue(r.err().contains(args[0]), String.join(" ", args) + ": " + r.err());
            assertFalse(r.all().contains("Exception"), r.all());
        }
    }

    @Test
    void missingHostIsUsageError() {
        Run r = run("--user1", "u", "--password1", PW1, "--host2", "b", "--user2", "v", "--password2", PW2, "--nolog");
        assertEquals(64, r.code());
        assertTrue(r.err().contains("--host1 is required"), r.err());
        Secrets.assertAbsent("what was printed", r.all(), "u", PW1);
    }

    @Test
    void unreadablePassfile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        Run r = run(
                "--host1",
                "a",
                "--user1",
                "u",
                "--passfile1",
                missing.toString(),
                "--host2",
                "b",
                "--user2",
                "v",
                "--password2",
                PW2,
                "--nolog");
        assertEquals(ExitCode.NO_INPUT.code(), r.code());
        assertTrue(r.err().contains("cannot read --passfile1 " + missing + ": no such file"), r.err());
    }

    @Test
    void substitutionSyntax() {
        assertEquals("Sent Items", SubstitutionRule.parse("s,Sent,Sent Items,").apply("Sent"));
        assertEquals("a-b-c", SubstitutionRule.parse("s/\\./-/g").apply("a.b.c"));
        assertEquals("a-b.c", SubstitutionRule.parse("s/\\./-/").apply("a.b.c"));
        assertEquals("X", SubstitutionRule.parse("s/sent/X/i").apply("SENT"));
        assertEquals("a/b", SubstitutionRule.parse("s|\\||/|").apply("a|b"));
        assertEquals("Files_x", SubstitutionRule.parse("s/^(Files)$/$1_x/").apply("Files"));
    }

    @Test
    void passwordNeverPrinted() {
        List<Run> runs = List.of(
                run(base()),
                run(base("--exlude", "x")),
                run(base("--regexmess", "s/a/b/")),
                run(base("--debugimap1", "--debugimap2", "--exclude", "(")),
                run(base("--help")),
                run(base("--port1", "99999")));
        for (Run r : runs) {
            Secrets.assertAbsent("what was printed", r.all(), "src-user", PW1);
            Secrets.assertAbsent("what was printed", r.all(), "dst-user", PW2);
        }
        assertEquals(70, runs.get(0).code());
        assertTrue(
                runs.get(0).out().contains("Host1: src-user@src-host:993 (TLS)"),
                runs.get(0).out());
    }

    @Test
    void helpGroupsAndExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String heading : List.of(
                "Accounts (suffix 1: host1, the source; suffix 2: host2, the target):",
                "Folder selection and mapping:",
                "Messages:",
                "Modes and logging:",
                "Pace:",
                "Provider presets",
                "imapferry's own options:",
                "Exit codes (imapsync's):",
                "EXIT_WITH_ERRORS_MAX")) {
            assertTrue(r.out().contains(heading), heading);
        }
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("imapferry "), v.out());
    }

    @Test
    void completionAndManPage() {
        Run c = run("generate-completion");
        assertEquals(0, c.code(), c.all());
        assertTrue(c.out().contains("--regextrans2"));
        Run m = run("gen-manpage", "--help");
        assertEquals(0, m.code(), m.all());
    }
}
