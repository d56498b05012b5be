package org.imapferry.engine.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.LocalSessions;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;

/** A side's listing is one round trip: its commands all go out before the first is answered. */
class FolderListingTest {
    @Test
    void listLsubAndNamespaceArePipelinedAndReadTogether() throws Exception {
        try (LocalSessions local = new LocalSessions()) {
            LocalSessions.ServerEnd end = new LocalSessions.ServerEnd();
            ImapSession session = local.connect("source", Capabilities.of(List.of("IMAP4rev1", "NAMESPACE")), end);
            FolderPlanner.PendingListing pending = FolderPlanner.request(session, null, null);
            CompletableFuture<FolderPlanner.Listing> listing = CompletableFuture.supplyAsync(pending::listing);
            String wire = end.await(r -> r.contains(" LIST ") && r.contains(" LSUB ") && r.contains(" NAMESPACE"));
            end.send(
                    "* LIST (\\HasNoChildren) \".\" INBOX",
                    "* LIST (\\HasNoChildren) \".\" INBOX.Sent",
                    tagOf(wire, "LIST") + " OK listed",
                    "* LSUB () \".\" INBOX.Sent",
                    tagOf(wire, "LSUB") + " OK subscribed",
                    "* NAMESPACE ((\"INBOX.\" \".\")) NIL NIL",
                    tagOf(wire, "NAMESPACE") + " OK namespace");
            FolderPlanner.Listing read = listing.get(5, TimeUnit.SECONDS);
            assertEquals(new FolderMapping.NamespaceView("INBOX.", '.'), read.namespace());
            assertEquals(2, read.folders().size(), read.toString());
            assertTrue(read.find(MailboxName.of("INBOX.Sent")).subscribed(), read.toString());
            assertFalse(read.find(MailboxName.of("INBOX")).subscribed(), read.toString());
        }
    }

    @Test
    void withListExtendedTheSubscriptionsComeWithTheListAndNoLsubIsSent() throws Exception {
        try (LocalSessions local = new LocalSessions()) {
            LocalSessions.ServerEnd end = new LocalSessions.ServerEnd();
            ImapSession session =
                    local.connect("target", Capabilities.of(List.of("IMAP4rev1", "LIST-EXTENDED", "NAMESPACE")), end);
            CompletableFuture<FolderPlanner.Listing> listing =
                    CompletableFuture.supplyAsync(FolderPlanner.request(session, "", '/')::listing);
            String wire = end.await(r -> r.contains(" LIST ") && r.contains(" NAMESPACE"));
            assertTrue(wire.contains("RETURN (SUBSCRIBED)"), wire);
            end.send(
                    "* LIST (\\Subscribed) \".\" INBOX",
                    tagOf(wire, "LIST") + " OK listed",
                    "* NAMESPACE ((\"INBOX.\" \".\")) NIL NIL",
                    tagOf(wire, "NAMESPACE") + " OK namespace");
            FolderPlanner.Listing read = listing.get(5, TimeUnit.SECONDS);
            assertFalse(end.received().contains("LSUB"), end.received());
            // The user's --prefix2/--sep2 win over what NAMESPACE said.
            assertEquals(new FolderMapping.NamespaceView("", '/'), read.namespace());
            assertTrue(read.find(MailboxName.of("INBOX")).subscribed(), read.toString());
        }
    }

    private static String tagOf(String wire, String command) {
        Matcher m =
                Pattern.compile("(?m)^(\\S+) " + Pattern.quote(command) + "\\b").matcher(wire);
        assertTrue(m.find(), "no " + command + " in:\n" + wire);
        return m.group(1);
    }
}
