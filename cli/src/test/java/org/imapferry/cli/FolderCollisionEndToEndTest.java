package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/**
 * Two source folders that would land in one target folder: the run is refused with both names,
 * exit 64, before a folder is created or a message copied. Against Dovecot: a '/' source with
 * folders "a.b" and "a_b", a '.' target where "a.b" can only become "a_b".
 */
@DovecotTest
class FolderCollisionEndToEndTest {
    static final String P1 = "Collide-src-2290";
    static final String P2 = "Collide-dst-6617";

    @RegisterExtension
    static final DovecotExtension HOST1 = DovecotExtension.plain();

    static DovecotServer host1;

    @RegisterExtension
    static final DovecotExtension DOTTED =
            DovecotExtension.builder().separator('.').build();

    static DovecotServer dotted;

    @BeforeAll
    static void servers() {
        host1 = HOST1.server();
        dotted = DOTTED.server();
        host1.addUser("alice", P1);
        dotted.addUsers(Map.of("c-merge", P2, "c-sep", P2));
        Cli.deliver(host1, "alice", "INBOX", "c1", Set.of());
        Cli.deliver(host1, "alice", "Projects", "c2", Set.of());
        Cli.deliver(host1, "alice", "Sent", "c3", Set.of("\\Seen"));
        Cli.deliver(host1, "alice", "a.b", "c4", Set.of());
        Cli.deliver(host1, "alice", "a_b", "c5", Set.of());
    }

    static String[] args(String user2, String... more) {
        List<String> all = new ArrayList<>(List.of(
                "--host1",
                host1.host(),
                "--port1",
                String.valueOf(host1.port()),
                "--user1",
                "alice",
                "--password1",
                P1,
                "--nossl1",
                "--notls1",
                "--host2",
                dotted.host(),
                "--port2",
                String.valueOf(dotted.port()),
                "--user2",
                user2,
                "--password2",
                P2,
                "--nossl2",
                "--notls2",
                "--nolog",
                "--no-progress",
                "--no-state"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Nothing but what the target's server made by itself, all empty. */
    static void assertNothingWritten(String user) throws IOException {
        Map<String, Integer> folders = Cli.folders(dotted, user, P2);
        assertFalse(folders.containsKey("Projects") || folders.containsKey("a_b"), folders::toString);
        assertTrue(folders.values().stream().allMatch(n -> n == 0), folders::toString);
    }

    @Test
    void aRegextrans2MergeIsRefusedNamingBothSources() throws IOException {
        Cli.Run run = Cli.run(args("c-merge", "--exclude", "^a", "--regextrans2", "s/^Projects$/Sent/", "--delete2"))
                .assertNeverPrinted(P1, P2);
        assertEquals(64, run.code(), run::toString);
        assertTrue(run.err().contains("\"Projects\" and \"Sent\" -> \"Sent\""), run::toString);
        assertFalse(run.out().contains("++++ Statistics"), run::toString);
        assertNothingWritten("c-merge");
    }

    @Test
    void aDelimiterTranslationOntoAnExistingNameIsRefused() throws IOException {
        Cli.Run run = Cli.run(args("c-sep")).assertNeverPrinted(P1, P2);
        assertEquals(64, run.code(), run::toString);
        assertTrue(run.err().contains("\"a.b\" and \"a_b\" -> \"a_b\""), run::toString);
        assertNothingWritten("c-sep");
    }

    @Test
    void verifyRefusesTheSamePlan() {
        Cli.Run run = Cli.run(Cli.concat(List.of("verify"), args("c-sep")));
        assertEquals(64, run.code(), run::toString);
        assertTrue(run.out().contains("\"a.b\" and \"a_b\" -> \"a_b\""), run::toString);
    }
}
