package org.imapferry.engine.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.LocalSessions;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;

class FolderCreationTest {
    private static final FolderMapping.NamespaceView SLASH = new FolderMapping.NamespaceView("", '/');

    private static Folder f(String name, boolean subscribed) {
        return new Folder(MailboxName.of(name), '/', true, subscribed, null);
    }

    private static FolderPair missing(String name, boolean subscribed) {
        return new FolderPair(f(name, subscribed), MailboxName.of(name), false);
    }

    private static List<String> described(List<FolderCreation.Step> steps) {
        return steps.stream().map(s -> s.kind() + " " + s.folder().name()).toList();
    }

    @Test
    void parentsComeFirstEachLevelOnceAndExistingOnesAreLeftAlone() {
        FolderPlanner.Listing target = new FolderPlanner.Listing(List.of(f("INBOX", false), f("a", false)), SLASH);
        List<FolderCreation.Step> steps = FolderCreation.plan(
                List.of(
                        new FolderPair(f("INBOX", false), MailboxName.of("INBOX"), true),
                        missing("a/b/c", true),
                        missing("a/b/d", false),
                        missing("x", false)),
                target);
        assertEquals(
                List.of("CREATE a/b", "CREATE a/b/c", "SUBSCRIBE a/b/c", "CREATE a/b/d", "CREATE x"), described(steps));
        assertEquals("a/b/c", steps.get(1).pair().target().name(), "each step names the folder it is for");
    }

    @Test
    void theNamespacePrefixIsNoFolderToCreate() {
        FolderPlanner.Listing target =
                new FolderPlanner.Listing(List.of(), new FolderMapping.NamespaceView("INBOX.", '.'));
        assertEquals(
                List.of("CREATE INBOX.Sent", "CREATE INBOX.Sent.2024"),
                described(FolderCreation.plan(List.of(missing("INBOX.Sent.2024", false)), target)));
    }

    @Test
    void everyCommandIsSentBeforeAnyAnswerAndRefusalsNameTheFolderWithTheServersWords() throws Exception {
        List<FolderCreation.Step> steps = FolderCreation.plan(
                List.of(missing("a/b", true), missing("c", false), missing("d", false)),
                new FolderPlanner.Listing(List.of(), SLASH));
        try (LocalSessions local = new LocalSessions()) {
            LocalSessions.ServerEnd end = new LocalSessions.ServerEnd();
            ImapSession target = local.connect("target", Capabilities.of(List.of("IMAP4rev1")), end);
            FolderCreation.Sent sent = FolderCreation.send(target, steps);
            List<SyncReport.SyncError> errors = new ArrayList<>();
            CompletableFuture<Set<MailboxName>> notCreated =
                    CompletableFuture.supplyAsync(() -> sent.notCreated(errors));
            // Nothing is answered yet, and every command is on the wire, in the plan's order.
            String wire = end.await(r -> r.contains("CREATE d"));
            List<String> order = List.of("CREATE a\r", "CREATE a/b\r", "SUBSCRIBE a/b\r", "CREATE c\r", "CREATE d\r");
            int at = -1;
            for (String command : order) {
                int next = wire.indexOf(command);
                assertTrue(next > at, command + " in order in:\n" + wire);
                at = next;
            }
            end.send(
                    tagOf(wire, "CREATE a") + " OK created",
                    tagOf(wire, "CREATE a/b") + " NO [NOPERM] You may not create a/b",
                    tagOf(wire, "SUBSCRIBE a/b") + " NO [NONEXISTENT] No such mailbox",
                    tagOf(wire, "CREATE c") + " NO [ALREADYEXISTS] Mailbox exists",
                    tagOf(wire, "CREATE d") + " OK created");
            assertEquals(Set.of(MailboxName.of("a/b")), notCreated.get(5, TimeUnit.SECONDS));
            assertEquals(2, errors.size(), errors.toString());
            assertEquals(SyncReport.Kind.FOLDER_CREATE, errors.get(0).kind());
            assertEquals("a/b", errors.get(0).folder());
            assertTrue(
                    errors.get(0).message().startsWith("cannot create a/b: "),
                    errors.get(0).message());
            assertTrue(
                    errors.get(0).message().contains("You may not create a/b"),
                    errors.get(0).message());
            assertTrue(
                    errors.get(1).message().contains("cannot subscribe a/b"),
                    errors.get(1).message());
            assertTrue(
                    errors.get(1).message().contains("No such mailbox"),
                    errors.get(1).message());
        }
    }

    /** The tag of the command line that is exactly this command. */
    private static String tagOf(String wire, String command) {
        Matcher m = Pattern.compile("(?m)^(\\S+) " + Pattern.quote(command) + "\r\n")
                .matcher(wire);
        assertTrue(m.find(), "no " + command + " in:\n" + wire);
        String tag = m.group(1);
        assertNotNull(tag);
        return tag;
    }
}
