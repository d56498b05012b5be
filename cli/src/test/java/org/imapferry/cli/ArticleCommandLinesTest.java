package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The article's command lines, run through the real command against a private Dovecot pair
 * with TLS (certificates signed by a test CA), each checked by fetching both sides.
 */
@DovecotTest
class ArticleCommandLinesTest {
    static final String P1 = "src-Pw-7731";
    static final String P2 = "dst-Pw-4419";

    @RegisterExtension
    static final DovecotExtension HOST1 =
            DovecotExtension.builder().tls(DovecotServer.Tls.CA_SIGNED).build();

    static DovecotServer host1;

    @RegisterExtension
    static final DovecotExtension HOST2 =
            DovecotExtension.builder().tls(DovecotServer.Tls.CA_SIGNED).build();

    static DovecotServer host2;

    @BeforeAll
    static void servers() {
        host1 = HOST1.server();
        host2 = HOST2.server();
        host1.addUser("u1", P1);
        // All users up front: Dovecot rereads its passwd file by mtime, so an addUser just before a login can
        // be missed when the file changed twice within a second.
        host2.addUsers(List.of("t-tls", "t-noca", "t-excl", "t-sent", "t-skip").stream()
                .collect(Collectors.toMap(x -> x, x -> P2)));
        for (String f : List.of("INBOX", "INBOX", "INBOX", "Sent", "Sent", "Trash", "Spam", "Drafts", "Archive")) {
            Cli.deliver(host1, "u1", f, f + "-" + System.nanoTime(), Set.of("\\Seen"));
        }
        Cli.deliver(host1, "u1", "INBOX", "flagged-1", Set.of("\\Flagged", "$Work"));
    }

    /** The article's base line, with --sslcafileN for the test CA when {@code trustCa}. */
    static List<String> base(String user2, boolean trustCa) {
        List<String> a = new ArrayList<>(List.of(
                "--host1",
                "127.0.0.1",
                "--port1",
                String.valueOf(host1.imapsPort()),
                "--user1",
                "u1",
                "--password1",
                P1,
                "--authmech1",
                "LOGIN",
                "--ssl1"));
        if (trustCa) {
            a.addAll(List.of("--sslcafile1", host1.certificates().caFile().toString()));
        }
        a.addAll(List.of(
                "--host2",
                "127.0.0.1",
                "--port2",
                String.valueOf(host2.imapsPort()),
                "--user2",
                user2,
                "--password2",
                P2,
                "--authmech2",
                "LOGIN",
                "--ssl2"));
        if (trustCa) {
            a.addAll(List.of("--sslcafile2", host2.certificates().caFile().toString()));
        }
        a.addAll(List.of("--nolog", "--no-progress"));
        return a;
    }

    static Map<String, Integer> source() throws IOException {
        return Cli.folders(host1, "u1", P1);
    }

    static Map<String, Integer> target(String user) throws IOException {
        return Cli.folders(host2, user, P2);
    }

    static void assertVerified(String... args) {
        VerifyReport proof = Cli.verify(args);
        assertTrue(proof.clean(), () -> "differences: " + proof);
        assertTrue(proof.identical() > 0, () -> "nothing compared: " + proof);
    }

    @Test
    void tlsWithTheCaTrustedCopiesEverything() throws IOException {
        String[] args = Cli.concat(base("t-tls", true));
        Cli.Run run = Cli.run(args).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("The sync is complete"), run::toString);
        assertVerified(args);
        Map<String, Integer> source = source();
        Map<String, Integer> target = target("t-tls");
        assertEquals(source, target, "folders and counts, host1 vs host2");
        assertEquals(4, target.get("INBOX"));
        assertEquals(1, target.get("Spam"));
    }

    @Test
    void tlsWithoutTheCaFailsWithTheTlsCode() throws IOException {
        Cli.Run run = Cli.run(Cli.concat(base("t-noca", false))).assertNeverPrinted(P1, P2);
        assertEquals(12, run.code(), run::toString);
        String text = run.all().toLowerCase(java.util.Locale.ROOT);
        assertTrue(text.contains("certificate"), run::toString);
        assertTrue(
                run.all().contains("--sslcafile1"), () -> "the message should name the option that fixes it: " + run);
        assertFalse(run.out().contains("The sync looks good"), run::toString);
        assertEquals(0, target("t-noca").getOrDefault("INBOX", 0), "nothing copied");
    }

    @Test
    void excludeLeavesTrashSpamAndDraftsBehind() throws IOException {
        String[] args = Cli.concat(base("t-excl", true), "--exclude", "Trash|Spam|Drafts");
        Cli.Run run = Cli.run(args).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertVerified(args);
        Map<String, Integer> target = target("t-excl");
        assertFalse(target.containsKey("Spam"), target::toString);
        // Dovecot creates Trash and Drafts itself (auto = subscribe); they must stay empty.
        assertEquals(0, target.getOrDefault("Trash", 0), target::toString);
        assertEquals(0, target.getOrDefault("Drafts", 0), target::toString);
        assertEquals(4, target.get("INBOX"), target::toString);
        assertEquals(2, target.get("Sent"), target::toString);
        assertEquals(1, target.get("Archive"), target::toString);
    }

    @Test
    void folderAndRegextrans2CopyOnlySentIntoSentItems() throws IOException {
        String[] args = Cli.concat(base("t-sent", true), "--folder", "Sent", "--regextrans2", "s/Sent/Sent Items/");
        Cli.Run run = Cli.run(args).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        VerifyReport proof = Cli.verify(args);
        assertTrue(proof.clean(), proof::toString);
        assertEquals(1, proof.folders().size(), proof::toString);
        assertEquals("Sent Items", proof.folders().get(0).target(), proof::toString);
        assertEquals(2, proof.identical(), proof::toString);
        Map<String, Integer> target = target("t-sent");
        assertEquals(2, target.get("Sent Items"), target::toString);
        assertEquals(0, target.getOrDefault("Sent", 0), target::toString);
        assertEquals(0, target.getOrDefault("INBOX", 0), target::toString);
        assertFalse(target.containsKey("Spam"), target::toString);
    }

    @Test
    void skipsizeCopiesEverythingAndARerunCopiesNothing() throws IOException {
        String[] args = Cli.concat(base("t-skip", true), "--skipsize");
        Cli.Run run = Cli.run(args).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        assertVerified(args);
        assertEquals(source(), target("t-skip"));
        Cli.Run again = Cli.run(args).assertNeverPrinted(P1, P2);
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().matches("(?s).*Messages transferred\\s*: 0\\n.*"), again::toString);
        assertEquals(source(), target("t-skip"), "no duplicates after the second run");
    }
}
