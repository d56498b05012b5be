package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modes that copy nothing, dry runs and refused plans, through the real command against a
 * Dovecot pair: each prints only what it did, and none claims a sync.
 */
@DovecotTest
class ModesEndToEndTest {
    static final String P1 = "Modes-src-4471";
    static final String P2 = "Modes-dst-8302";
    static final List<String> USERS = List.of(
            "m-folders",
            "m-sizes",
            "m-login",
            "m-copy",
            "m-dry",
            "m-dry-all",
            "m-rename",
            "m-check",
            "m-again",
            "m-delfail",
            "m-folders-dry");
    static final List<String> SYNC_VERDICTS = List.of("The sync is", "looks good", "unidentified", "is strict");

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
        host1.addUsers(Map.of("alice", P1, "bob", P1, "carol", P1));
        host2.addUsers(USERS.stream().collect(Collectors.toMap(u -> u, u -> P2)));
        Cli.deliver(host1, "alice", "INBOX", "m1", Set.of("\\Seen"));
        Cli.deliver(host1, "alice", "INBOX", "m2", Set.of());
        Cli.deliver(host1, "alice", "Sent", "m3", Set.of("\\Seen"));
        deliverWithoutId(host1, "alice", "Projects", 1);
        deliverWithoutId(host1, "alice", "Projects", 2);
        Cli.deliver(host2, "m-dry", "Stale", "old", Set.of());
        Cli.deliver(host1, "bob", "INBOX", "k1", Set.of());
        for (String id : List.of("k2", "k3", "k4")) {
            Cli.deliver(host1, "bob", "Locked", id, Set.of());
            Cli.deliver(host2, "m-check", "Locked", id, Set.of());
        }
    }

    /** A message with no Message-ID header, as old mailing-list software and some scripts send them. */
    static void deliverWithoutId(DovecotServer server, String user, String folder, int n) {
        String m = "From: Script <cron@old.example>\r\nTo: Alice <alice@old.example>\r\nSubject: Report " + n
                + "\r\nDate: Tue, 3 Mar 2020 1" + n + ":00:00 +0000\r\n\r\nNightly report " + n + ".\r\n";
        server.deliver(
                user, folder, m.getBytes(StandardCharsets.US_ASCII), Set.of(), Instant.parse("2020-03-03T10:00:00Z"));
    }

    static String[] args(String user2, String... more) {
        List<String> all = new ArrayList<>(List.of("--no-state"));
        all.addAll(List.of(more));
        return argsOf("alice", user2, all.toArray(String[]::new));
    }

    static String[] argsOf(String user1, String user2, String... more) {
        List<String> all = new ArrayList<>(List.of(
                "--host1",
                host1.host(),
                "--port1",
                String.valueOf(host1.port()),
                "--user1",
                user1,
                "--password1",
                P1,
                "--nossl1",
                "--notls1",
                "--host2",
                host2.host(),
                "--port2",
                String.valueOf(host2.port()),
                "--user2",
                user2,
                "--password2",
                P2,
                "--nossl2",
                "--notls2",
                "--nolog",
                "--no-progress"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static void assertNoSyncVerdict(Cli.Run run) {
        for (String verdict : SYNC_VERDICTS) {
            assertFalse(run.out().contains(verdict), () -> "'" + verdict + "' in " + run);
        }
    }

    static void assertFound(String regex, Cli.Run run) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(run.out()).find(), () -> regex + " in " + run);
    }

    @Test
    void justFoldersListsEachFolderCreatesTheMissingAndCopiesNothing() throws IOException {
        Cli.Run run = Cli.run(args("m-folders", "--justfolders")).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertFound("^\\[INBOX\\] +-> \\[INBOX\\] +exists on host2$", run);
        assertFound("^\\[Projects\\] +-> \\[Projects\\] +created on host2$", run);
        // Dovecot makes the special-use folders (Sent, Trash, ...) itself.
        assertFound("^\\[Sent\\] +-> \\[Sent\\] +exists on host2$", run);
        assertTrue(
                run.out().contains("--justfolders: folders only, no message was compared or copied."), run::toString);
        assertNoSyncVerdict(run);
        assertFalse(run.out().contains("Selected on host1:"), run::toString);
        Map<String, Integer> after = Cli.folders(host2, "m-folders", P2);
        assertEquals(0, after.get("Projects"), after::toString);
        assertTrue(after.values().stream().allMatch(n -> n == 0), after::toString);
    }

    @Test
    void justFoldersDrySaysWhatItWouldCreateAndCreatesNothing() throws IOException {
        Cli.Run run = Cli.run(args("m-folders-dry", "--justfolders", "--dry")).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertFound("^\\[Projects\\] +-> \\[Projects\\] +would be created on host2 \\(dry run\\)$", run);
        assertTrue(run.out().contains("--justfolders: 0 folders created on host2"), run::toString);
        assertNoSyncVerdict(run);
        assertFalse(Cli.folders(host2, "m-folders-dry", P2).containsKey("Projects"), "nothing created");
    }

    @Test
    void justFolderSizesMeasuresBothSidesAndCreatesNothing() throws IOException {
        Cli.Run run = Cli.run(args("m-sizes", "--justfoldersizes")).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertFound("^Host1 folder +1/\\d+ \\[INBOX\\] +Size: +\\d+ Messages: +2$", run);
        assertFound("^Host1 folder +\\d+/\\d+ \\[Projects\\] +Size: +284 Messages: +2$", run);
        assertFound("^Host1 Nb messages: +5 messages$", run);
        assertFound("^Host1 Total size: +\\d+ bytes \\(\\d+\\.\\d{3} KiB\\)$", run);
        assertFound("^Host2 folder +1/\\d+ \\[INBOX\\] +Size: +0 Messages: +0$", run);
        assertFound("^Host2 folder +\\d+/\\d+ \\[Projects\\] does not exist$", run);
        assertFound("^Host2 Nb messages: +0 messages$", run);
        assertNoSyncVerdict(run);
        assertFalse(Cli.folders(host2, "m-sizes", P2).containsKey("Projects"), "nothing created");
    }

    @Test
    void justLoginSaysBothLoginsSucceeded() {
        Cli.Run run = Cli.run(args("m-login", "--justlogin")).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("--justlogin: both logins succeeded; nothing read."), run::toString);
        assertNoSyncVerdict(run);
    }

    @Test
    void aCopyCountsTheMessagesWithoutMessageId() throws IOException {
        Cli.Run run = Cli.run(args("m-copy")).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("Messages copied without a Message-ID    : 2\n"), run::toString);
        assertTrue(
                run.out().contains("The sync looks good, all 5 identified messages in host1 are on host2."),
                run::toString);
        Map<String, Integer> after = Cli.folders(host2, "m-copy", P2);
        assertEquals(
                List.of(2, 2, 1),
                List.of(after.get("INBOX"), after.get("Projects"), after.get("Sent")),
                after::toString);
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndWritesNothing() throws IOException {
        Cli.Run run = Cli.run(args("m-dry", "--dry", "--folder", "INBOX", "--delete2folders"))
                .assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("Folder [INBOX] -> [INBOX]: would copy 2 messages"), run::toString);
        assertTrue(run.out().contains("Would delete folder [Stale] on host2 (--delete2folders)"), run::toString);
        assertTrue(
                run.out().contains("Dry run: nothing was changed. A real run would copy 2 messages."), run::toString);
        assertFalse(Pattern.compile("\\d+ copied").matcher(run.out()).find(), run::toString);
        Map<String, Integer> after = Cli.folders(host2, "m-dry", P2);
        assertEquals(List.of(0, 1), List.of(after.get("INBOX"), after.get("Stale")), after::toString);
    }

    @Test
    void regextrans2SaysWhatItMapped() throws IOException {
        Cli.Run run = Cli.run(args("m-rename", "--justfolders", "--regextrans2", "s/^Projects$/Work/"))
                .assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertFound("^regextrans2: Projects -> Work$", run);
        assertFound("^\\[Projects\\] +-> \\[Work\\] +created on host2$", run);
        assertEquals(0, Cli.folders(host2, "m-rename", P2).get("Work"));
    }

    @Test
    void aDryRunAgainstAnEmptyTargetNamesTheFoldersItWouldCreate() throws IOException {
        Cli.Run run = Cli.run(args("m-dry-all", "--dry")).assertNeverPrinted(P1, P2);
        // Copying into the folders it would create needs the dry run to plan against an empty target
        // (FolderTransfer); the plan itself is complete and nothing is written.
        assertTrue(run.out().contains("Would create folder [Projects] on host2 for [Projects]\n"), run::toString);
        assertEquals(0, run.code(), "a folder host2 lacks is no error in a dry run: " + run);
        assertTrue(run.out().contains("Messages failed                         : 0\n"), run::toString);
        assertFalse(Cli.folders(host2, "m-dry-all", P2).containsKey("Projects"), "nothing created");
    }

    @Test
    void theFinalCheckCountsOnlyFoldersReadOnBothSides() throws IOException {
        // bob's Locked cannot be read on host1 (the mail user may not enter its cur/); host2 has its messages
        // from an earlier run. They must not show up as "in host2 not in host1": nobody compared them.
        Path locked = host1.deliver(
                        "bob",
                        "Locked",
                        Cli.message("k5", "Locked", 300),
                        Set.of(),
                        Instant.parse("2020-03-03T10:00:00Z"))
                .getParent();
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(locked);
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            Cli.Run run = Cli.run(argsOf("bob", "m-check", "--no-state")).assertNeverPrinted(P1, P2);
            assertTrue(run.out().contains("Messages found in host2 not in host1    : 0 messages\n"), run::toString);
            assertTrue(run.out().contains("Differences found by the final check    : 0\n"), run::toString);
            assertTrue(
                    run.out().contains("1 folders could not be checked (not read on both sides): Locked\n"),
                    run::toString);
            assertFalse(run.out().contains("The sync looks good"), run::toString);
            assertTrue(run.code() != 0, run::toString);
        } finally {
            Files.setPosixFilePermissions(locked, before);
        }
    }

    @Test
    void aSecondRunNamesTheFoldersItSkippedAsUnchanged(@TempDir Path dir) {
        String state = dir.resolve("state.db").toString();
        Cli.Run first = Cli.run(argsOf("alice", "m-again", "--state", state)).assertNeverPrinted(P1, P2);
        assertEquals(0, first.code(), first::toString);
        Cli.Run again = Cli.run(argsOf("alice", "m-again", "--state", state)).assertNeverPrinted(P1, P2);
        assertEquals(0, again.code(), again::toString);
        assertFound(
                "^\\d+ folders skipped as unchanged since the last run \\(not read\\): .*INBOX.*Projects.*$", again);
        assertTrue(
                again.out().contains("No message was compared: every folder is as the last run left it."),
                again::toString);
        assertFalse(again.out().contains("looks good") || again.out().contains("identified messages"), again::toString);
        assertTrue(
                again.out().contains("The sync is complete: no folder changed on either side since the last run."),
                again::toString);
    }

    @Test
    void aFolderDeletionTheTargetRefusesIsReportedAsSuch() throws IOException {
        // host2 may not remove anything from m-delfail's mailbox root, so its DELETE of Stale fails.
        Path root = host2.deliver(
                        "m-delfail",
                        "Stale",
                        Cli.message("st", "Stale", 300),
                        Set.of(),
                        Instant.parse("2020-03-03T10:00:00Z"))
                .getParent()
                .getParent()
                .getParent();
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(root);
        Files.setPosixFilePermissions(
                root,
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_EXECUTE));
        try {
            // INBOX lives in that root too: left out, so the refused DELETE is the run's only error.
            Cli.Run run = Cli.run(
                            argsOf("carol", "m-delfail", "--no-state", "--delete2folders", "--exclude", "^INBOX$"))
                    .assertNeverPrinted(P1, P2);
            assertEquals(111, run.code(), run::toString);
            assertTrue(run.out().contains("Detected 1 errors"), run::toString);
            assertTrue(
                    run.out().contains("FOLDER_DELETE folder Stale: cannot delete Stale on the target"), run::toString);
            assertFalse(run.out().contains("FOLDER_CREATE"), run::toString);
        } finally {
            Files.setPosixFilePermissions(root, before);
        }
        assertEquals(1, Cli.folders(host2, "m-delfail", P2).get("Stale"));
    }
}
