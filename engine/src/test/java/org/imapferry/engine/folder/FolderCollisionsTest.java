package org.imapferry.engine.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imapferry.engine.SyncOptions;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;

class FolderCollisionsTest {
    private static final FolderMapping.NamespaceView SLASH = new FolderMapping.NamespaceView("", '/');
    private static final FolderMapping.NamespaceView DOT = new FolderMapping.NamespaceView("", '.');

    private static Folder f(String name) {
        return new Folder(MailboxName.of(name), '/', true, false, null);
    }

    private static FolderPair pair(String source, String target) {
        return new FolderPair(f(source), MailboxName.of(target), false);
    }

    private static SyncOptions.Folders rules(List<String> regextrans2, Map<String, String> f1f2) {
        return new SyncOptions.Folders(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                false,
                regextrans2,
                f1f2,
                false,
                null,
                null,
                null,
                null,
                false);
    }

    @Test
    void distinctTargetsDoNotCollide() {
        assertEquals(
                List.of(),
                FolderCollisions.find(List.of(pair("INBOX", "INBOX"), pair("Sent", "Sent Items"), pair("a/b", "a.b"))));
    }

    @Test
    void everySourceOfOneTargetIsNamed() {
        List<FolderCollisions.Collision> found = FolderCollisions.find(List.of(
                pair("INBOX", "INBOX"),
                pair("Old", "Archive"),
                pair("Sent", "Sent"),
                pair("Older", "Archive"),
                pair("Oldest", "Archive")));
        assertEquals(1, found.size());
        assertEquals(MailboxName.of("Archive"), found.get(0).target());
        assertEquals(
                List.of(MailboxName.of("Old"), MailboxName.of("Older"), MailboxName.of("Oldest")),
                found.get(0).sources());
        assertEquals(
                "\"Old\" and \"Older\" and \"Oldest\" -> \"Archive\"",
                found.get(0).toString());
    }

    @Test
    void inboxIsOneNameWhateverItsCase() {
        assertEquals(
                1,
                FolderCollisions.find(List.of(pair("INBOX", "INBOX"), pair("Posteingang", "inbox")))
                        .size());
    }

    @Test
    void plannerRefusesARegextrans2MergeNamingBothSources() {
        FolderPlanner.Listing source =
                new FolderPlanner.Listing(List.of(f("INBOX"), f("Sent"), f("Sent Items")), SLASH);
        FolderPlanner.Listing target = new FolderPlanner.Listing(List.of(f("INBOX")), SLASH);
        FolderCollisionException e = assertThrows(
                FolderCollisionException.class,
                () -> new FolderPlanner(rules(List.of("s/^Sent Items$/Sent/"), Map.of())).plan(source, target));
        assertTrue(e.getMessage().contains("\"Sent\" and \"Sent Items\" -> \"Sent\""), e.getMessage());
    }

    @Test
    void plannerRefusesADelimiterTranslationOntoAnExistingName() {
        // On a '.' target, the source's "a.b" cannot keep its dot: it becomes "a_b", the other folder's name.
        FolderPlanner.Listing source = new FolderPlanner.Listing(List.of(f("INBOX"), f("a.b"), f("a_b")), SLASH);
        FolderPlanner.Listing target = new FolderPlanner.Listing(List.of(f("INBOX")), DOT);
        FolderCollisionException e = assertThrows(
                FolderCollisionException.class,
                () -> new FolderPlanner(SyncOptions.Folders.all()).plan(source, target));
        assertEquals(
                List.of(MailboxName.of("a.b"), MailboxName.of("a_b")),
                e.collisions().get(0).sources());
    }

    @Test
    void plannerRefusesAnF1f2OntoAnotherFoldersName() {
        FolderPlanner.Listing source = new FolderPlanner.Listing(List.of(f("INBOX"), f("Drafts"), f("Old")), SLASH);
        FolderPlanner.Listing target = new FolderPlanner.Listing(List.of(f("INBOX")), SLASH);
        assertThrows(
                FolderCollisionException.class,
                () -> new FolderPlanner(rules(List.of(), Map.of("Old", "Drafts"))).plan(source, target));
    }

    @Test
    void mappingStepsSayWhichRuleNamedTheTarget() {
        FolderPlanner.Listing source = new FolderPlanner.Listing(List.of(f("INBOX"), f("Sent"), f("Old")), SLASH);
        FolderPlanner.Listing target = new FolderPlanner.Listing(List.of(f("INBOX")), SLASH);
        FolderPlanner planner = new FolderPlanner(rules(List.of("s/^Sent$/Sent Items/"), Map.of("Old", "Archive")));
        List<FolderPair> pairs = planner.plan(source, target);
        Map<MailboxName, List<FolderMapping.Step>> steps = planner.mappingSteps(source, target, pairs);
        assertEquals(List.of(), steps.get(MailboxName.INBOX));
        assertEquals(
                "regextrans2: Sent -> Sent Items",
                steps.get(MailboxName.of("Sent")).get(0).toString());
        assertEquals(
                "f1f2: Old -> Archive", steps.get(MailboxName.of("Old")).get(0).toString());
    }
}
