package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imapferry.engine.testserver.DovecotServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modes that copy nothing, dry runs and refused plans, through the real command against a
 * Dovecot pair: each prints only what it did, and none claims a sync.
 */
class ModesEndToEndTest {
    static final String P1 = "Modes-src-4471";
    static final String P2 = "Modes-dst-8302";
    static final List<String> USERS = List.of("m-copy");

    static DovecotServer host1;
    static DovecotServer host2;

    @BeforeAll
    static void servers() {
        DovecotServer.assumeAvailable();
        host1 = DovecotServer.start();
        host2 = DovecotServer.start();
        host1.addUser("alice", P1);
        host2.addUsers(USERS.stream().collect(Collectors.toMap(u -> u, u -> P2)));
        Cli.deliver(host1, "alice", "INBOX", "m1", Set.of("\\Seen"));
        Cli.deliver(host1, "alice", "INBOX", "m2", Set.of());
        Cli.deliver(host1, "alice", "Sent", "m3", Set.of("\\Seen"));
        deliverWithoutId(host1, "alice", "Projects", 1);
        deliverWithoutId(host1, "alice", "Projects", 2);
    }

    @AfterAll
    static void stop() {
        if (host1 != null) {
            host1.close();
        }
        if (host2 != null) {
            host2.close();
        }
    }

    /** A message with no Message-ID header, as old mailing-list software and some scripts send them. */
    static void deliverWithoutId(DovecotServer server, String user, String folder, int n) {
        String m = "From: Script <cron@old.example>\r\nTo: Alice <alice@old.example>\r\nSubject: Report " + n
                + "\r\nDate: Tue, 3 Mar 2020 1" + n + ":00:00 +0000\r\n\r\nNightly report " + n + ".\r\n";
        server.deliver(user, folder, m.getBytes(StandardCharsets.US_ASCII), Set.of(),
                Instant.parse("2020-03-03T10:00:00Z"));
    }

    static String[] args(String user2, String... more) {
        List<String> all = new ArrayList<>(List.of("--host1", host1.host(), "--port1", String.valueOf(host1.port()),
                "--user1", "alice", "--password1", P1, "--nossl1", "--notls1", "--host2", host2.host(), "--port2",
                String.valueOf(host2.port()), "--user2", user2, "--password2", P2, "--nossl2", "--notls2", "--nolog",
                "--no-progress", "--no-state"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aCopyCountsTheMessagesWithoutMessageId() throws IOException {
        Cli.Run run = Cli.run(args("m-copy")).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("Messages copied without a Message-ID    : 2\n"), run::toString);
        assertTrue(run.out().contains("The sync looks good, all 5 identified messages in host1 are on host2."),
                run::toString);
        Map<String, Integer> after = Cli.folders(host2, "m-copy", P2);
        assertEquals(List.of(2, 2, 1), List.of(after.get("INBOX"), after.get("Projects"), after.get("Sent")),
                after::toString);
    }
}
