package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BatchTest {
    static final List<String> FILE = List.of(
            "# host1;user1;password1;host2;user2;password2",
            "",
            "old.example;alice;pw-alice-1;new.example;alice@new;pw-alice-2",
            "  # indented comment",
            "old.example;bob;pw-bob-1;new.example;bob;pw-bob-2;--exclude 'Spam|Junk';--folder INBOX",
            "old.example;carol;;new.example;carol;pw-carol-2;");

    @Test
    void parsesLinesCommentsAndExtraColumns() {
        List<AccountsFile.Account> a = AccountsFile.parse(FILE);
        assertEquals(3, a.size());
        assertEquals(3, a.get(0).lineNumber());
        assertEquals("alice", a.get(0).user1());
        assertEquals("pw-alice-1", a.get(0).password1().reveal());
        assertEquals("alice@new", a.get(0).user2());
        assertEquals(
                List.of("--exclude", "Spam|Junk", "--folder", "INBOX"), a.get(1).extraArgs());
        assertEquals(null, a.get(2).password1());
        assertEquals(List.of(), a.get(2).extraArgs());
        assertFalse(a.get(1).toString().contains("pw-bob"), a.get(1).toString());
        UserError bad = assertThrows(UserError.class, () -> AccountsFile.parse(List.of("a;b;c")));
        assertTrue(bad.getMessage().contains("line 1"), bad.getMessage());
    }

    @Test
    void shardsPartitionAndAreStable() {
        List<AccountsFile.Account> accounts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            accounts.add(AccountsFile.parseLine(i + 1, "h" + (i % 3) + ";user" + i + ";p;t;u" + i + ";q"));
        }
        int count = 4;
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (int s = 0; s < count; s++) {
            Shard shard = new Shard(s, count);
            for (AccountsFile.Account a : accounts) {
                if (shard.owns(a)) {
                    assertTrue(seen.add(a.lineNumber()), "in two shards: " + a);
                    total++;
                }
            }
        }
        assertEquals(accounts.size(), total);
        // stable: the same identity on another line, in other case, lands on the same shard
        AccountsFile.Account moved = AccountsFile.parseLine(999, "H0;USER0;x;t;u;q");
        assertEquals(Shard.bucket("h0", "user0", count), Shard.bucket(moved.host1(), moved.user1(), count));
        assertEquals(new Shard(1, 4), Shard.parse("1/4"));
        assertEquals(new Shard(2, 5), Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "2"), 5));
        assertThrows(UserError.class, () -> Shard.parse("4/4"));
        assertThrows(UserError.class, () -> Shard.parse("x"));
        assertThrows(UserError.class, () -> Shard.fromEnvironment(Map.of(), 3));
    }

    @Test
    void oneStateFileForEveryAccountNeedsOneAccountAtATime(@TempDir Path dir) throws Exception {
        Path accounts = dir.resolve("accounts.csv");
        Files.write(accounts, FILE);
        Cli.Run shared = Cli.run(
                "batch",
                "--concurrency",
                "2",
                "--logdir",
                dir.resolve("logs").toString(),
                accounts.toString(),
                "--",
                "--state=" + dir.resolve("all.sqlite"),
                "--no-progress");
        assertEquals(64, shared.code(), shared::toString);
        assertTrue(shared.err().contains("add --concurrency 1"), shared::toString);
        assertFalse(Files.exists(dir.resolve("logs")), "refused before any account ran");
    }

    @Test
    void batchRunsEachAccountAndListsFailures(@TempDir Path dir) throws Exception {
        Path accounts = dir.resolve("accounts.csv");
        Files.write(accounts, FILE);
        CommandLine cl = Main.commandLine();
        BatchCommand batch = cl.getSubcommands().get("batch").getCommand();
        batch.engine = (options, listener) -> {
            if (options.source().user().equals("bob")) {
                return ReportsTest.report(
                        List.of(new org.imapferry.engine.SyncReport.SyncError(
                                org.imapferry.engine.SyncReport.Kind.APPEND, "Sent", 7, "NO")),
                        1,
                        false);
            }
            assertTrue(options.source().password() != null);
            return ReportsTest.report(List.of(), 0, false);
        };
        batch.env = Map.of();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(
                "batch",
                "--concurrency",
                "2",
                "--logdir",
                dir.resolve("logs").toString(),
                accounts.toString(),
                "--",
                "--nolog",
                "--no-progress");
        String s = out.toString() + err;
        assertEquals(111, code, s);
        assertTrue(s.contains("++++ Batch summary"), s);
        assertTrue(s.contains("1 of 3 accounts are in sync."), s);
        assertFalse(s.contains("pw-"), s);
        List<String> failed = Files.readAllLines(Path.of(accounts + ".failed"));
        assertEquals(2, failed.size(), failed.toString()); // bob (errors) and carol (no password1)
        assertTrue(failed.get(0).contains(";bob;"));
        assertTrue(Files.exists(dir.resolve("logs/0003_alice_alice@new.txt")));
        assertTrue(Files.exists(dir.resolve("logs/0003_alice_alice@new.json")));
        String aliceLog = Files.readString(dir.resolve("logs/0003_alice_alice@new.txt"));
        assertTrue(aliceLog.contains("Messages transferred                    : 12"), aliceLog);
        assertTrue(aliceLog.lines().allMatch(l -> l.matches(RunFilesTest.STAMP + ".*")), aliceLog);
        assertEquals("rwx------", RunFilesTest.mode(dir.resolve("logs")));
        for (String file :
                List.of("logs/0003_alice_alice@new.txt", "logs/0003_alice_alice@new.json", "accounts.csv.failed")) {
            assertEquals("rw-------", RunFilesTest.mode(dir.resolve(file)), file);
        }
        assertFalse(aliceLog.contains("pw-alice"), aliceLog);
        assertFalse(
                Files.readString(dir.resolve("logs/0003_alice_alice@new.json")).contains("pw-alice"));
        String carolLog = Files.readString(dir.resolve("logs/0006_carol_carol.txt"));
        assertTrue(carolLog.contains("no password for user1"), carolLog);
    }
}
