package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when something is wrong, through the real command against a real Dovecot
 * pair: a clear message, imapsync's exit code, and never a password.
 */
@DovecotTest
class ErrorsEndToEndTest {
    static final String P1 = "Src-secret-9183";
    static final String P2 = "Dst-secret-5527";
    static final String WRONG = "Wrong-guess-3306";

    @RegisterExtension
    static final DovecotExtension HOST1 = DovecotExtension.plain();

    static DovecotServer host1;

    @RegisterExtension
    static final DovecotExtension HOST2 = DovecotExtension.plain();

    static DovecotServer host2;

    @BeforeAll
    static void servers() {
        host1 = HOST1.server();
        host2 = HOST2.server();
        host1.addUser("alice", P1);
        host2.addUsers(List.of("a-verify", "a-folder", "a-auth").stream()
                .collect(java.util.stream.Collectors.toMap(x -> x, x -> P2)));
        Cli.deliver(host1, "alice", "INBOX", "e1", Set.of("\\Seen"));
        Cli.deliver(host1, "alice", "INBOX", "e2", Set.of());
        Cli.deliver(host1, "alice", "Sent", "e3", Set.of("\\Seen", "\\Answered"));
        for (String user : List.of("a-verify", "a-folder", "a-auth")) {}
    }

    static List<String> args(String host1Name, String password1, String user2, String password2) {
        return new ArrayList<>(List.of(
                "--host1",
                host1Name,
                "--port1",
                String.valueOf(host1.port()),
                "--user1",
                "alice",
                "--password1",
                password1,
                "--host2",
                host2.host(),
                "--port2",
                String.valueOf(host2.port()),
                "--user2",
                user2,
                "--password2",
                password2,
                "--nolog",
                "--no-progress"));
    }

    static List<String> good(String user2) {
        return args(host1.host(), P1, user2, P2);
    }

    @Test
    void wrongPasswordOnHost1Is161() {
        Cli.Run run =
                Cli.run(Cli.concat(args(host1.host(), WRONG, "a-auth", P2))).assertNeverPrinted(P1, P2, WRONG);
        assertEquals(161, run.code(), run::toString);
        assertTrue(run.out().contains("EXIT_AUTHENTICATION_FAILURE_USER1"), run::toString);
        assertFalse(run.out().contains("The sync looks good"), run::toString);
        assertTrue(run.out().contains("authentication of alice@127.0.0.1:" + host1.port() + " failed"), run::toString);
    }

    @Test
    void wrongPasswordOnHost2Is162() throws IOException {
        Cli.Run run =
                Cli.run(Cli.concat(args(host1.host(), P1, "a-auth", WRONG))).assertNeverPrinted(P1, P2, WRONG);
        assertEquals(162, run.code(), run::toString);
        assertTrue(run.out().contains("authentication of a-auth@127.0.0.1:" + host2.port() + " failed"), run::toString);
        assertEquals(0, Cli.folders(host2, "a-auth", P2).getOrDefault("INBOX", 0), "nothing copied");
    }

    @Test
    void unknownHostIsAConnectionFailureOfHost1() {
        // .invalid never resolves (RFC 6761): no query leaves the machine with an answer, no traffic to a server.
        Cli.Run run = Cli.run(Cli.concat(args("imap.nowhere.invalid", P1, "a-auth", P2)))
                .assertNeverPrinted(P1, P2);
        assertTrue(List.of(10, 101).contains(run.code()), run::toString);
        assertTrue(run.all().contains("imap.nowhere.invalid"), run::toString);
        assertTrue(run.all().contains("unknown host"), run::toString);
        assertFalse(run.out().contains("The sync looks good"), run::toString);
    }

    @Test
    void unknownFolderIsNamedAndIsAFolderSelectError() throws IOException {
        Cli.Run run = Cli.run(Cli.concat(good("a-folder"), "--folder", "NoSuchFolder"))
                .assertNeverPrinted(P1, P2);
        // FOLDER_NOT_FOUND maps to imapsync's EXIT_ERR_SELECT.
        assertEquals(117, run.code(), run::toString);
        assertTrue(run.out().contains("folder NoSuchFolder does not exist"), run::toString);
        assertTrue(run.out().contains("The sync is NOT complete"), run::toString);
        assertFalse(run.out().contains("The sync looks good"), run::toString);
        assertTrue(!Cli.folders(host2, "a-folder", P2).containsKey("NoSuchFolder"));
    }

    @Test
    void badRegexIsUsage64() {
        Cli.Run run =
                Cli.run(Cli.concat(good("a-auth"), "--exclude", "Trash|(Spam")).assertNeverPrinted(P1, P2);
        assertEquals(64, run.code(), run::toString);
        assertTrue(run.err().contains("--exclude"), run::toString);
        assertTrue(run.err().contains("Trash|(Spam"), run::toString);
        Cli.Run trans = Cli.run(Cli.concat(good("a-auth"), "--regextrans2", "s/Sent/Sent Items"))
                .assertNeverPrinted(P1, P2);
        assertEquals(64, trans.code(), trans::toString);
        assertTrue(trans.err().contains("--regextrans2"), trans::toString);
    }

    @Test
    void unreadablePassfileIs66(@TempDir Path dir) {
        List<String> a = good("a-auth");
        int at = a.indexOf("--password1");
        a.remove(at);
        a.remove(at);
        Path missing = dir.resolve("no-such-passfile");
        Cli.Run run = Cli.run(Cli.concat(a, "--passfile1", missing.toString())).assertNeverPrinted(P1, P2);
        assertEquals(66, run.code(), run::toString);
        assertTrue(run.err().contains("cannot read --passfile1 " + missing + ": no such file"), run::toString);
        Cli.Run directory =
                Cli.run(Cli.concat(a, "--passfile1", dir.toString())).assertNeverPrinted(P1, P2);
        assertEquals(66, directory.code(), directory::toString);
        assertTrue(directory.err().contains("--passfile1"), directory::toString);
    }

    @Test
    void passfileWorksAndIsNeverPrinted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pass1");
        Files.writeString(file, P1 + "\n");
        List<String> a = good("a-verify");
        int at = a.indexOf("--password1");
        a.remove(at);
        a.remove(at);
        Cli.Run run = Cli.run(Cli.concat(a, "--passfile1", file.toString(), "--justlogin"))
                .assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
    }

    @Test
    void verifyOnACleanMigrationIs0() throws IOException {
        Cli.Run run = Cli.run(Cli.concat(good("a-verify"), "--verify")).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("++++ Verification"), run::toString);
        assertTrue(run.out().contains("The copy is verified"), run::toString);
        assertTrue(run.out().contains("Messages identical                      : 3"), run::toString);
        Map<String, Integer> target = Cli.folders(host2, "a-verify", P2);
        assertEquals(2, target.get("INBOX"), target::toString);
        assertEquals(1, target.get("Sent"), target::toString);
    }
}
