package org.imapferry.engine.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncOptions;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;

class FolderPlannerTest {
    private static final FolderMapping.NamespaceView SLASH = new FolderMapping.NamespaceView("", '/');

    private static Folder f(String name) {
        return new Folder(MailboxName.of(name), '/', true, false, null);
    }

    private static Folder subscribed(String name) {
        return new Folder(MailboxName.of(name), '/', true, true, null);
    }

    private static Folder noselect(String name) {
        return new Folder(MailboxName.of(name), '/', false, false, null);
    }

    private static final FolderPlanner.Listing SOURCE = new FolderPlanner.Listing(
            List.of(
                    f("Sent"),
                    f("INBOX"),
                    noselect("a"),
                    f("a/b"),
                    f("a/b/c"),
                    f("ab"),
                    subscribed("Projects"),
                    f("Trash"),
                    f("Spam"),
                    f("Drafts")),
            SLASH);
    private static final FolderPlanner.Listing TARGET =
            new FolderPlanner.Listing(List.of(f("INBOX"), f("Sent")), SLASH);

    private static SyncOptions.Folders options(
            List<String> folder,
            List<String> folderRec,
            List<String> include,
            List<String> exclude,
            boolean subscribedOnly,
            List<String> rules) {
        return new SyncOptions.Folders(
                folder,
                folderRec,
                include.stream().map(Pattern::compile).toList(),
                exclude.stream().map(Pattern::compile).toList(),
                subscribedOnly,
                rules,
                Map.of(),
                false,
                null,
                null,
                null,
                null,
                false);
    }

    private static List<String> sources(SyncOptions.Folders options) {
        List<String> names = new ArrayList<>();
        new FolderPlanner(options)
                .plan(SOURCE, TARGET)
                .forEach(p -> names.add(p.source().name().name()));
        return names;
    }

    @Test
    void everySelectableFolderInboxFirstNoselectSkipped() {
        assertEquals(
                List.of("INBOX", "Drafts", "Projects", "Sent", "Spam", "Trash", "a/b", "a/b/c", "ab"),
                sources(SyncOptions.Folders.all()));
    }

    @Test
    void folderIsExactFolderrecIsATree() {
        assertEquals(
                List.of("a/b"), sources(options(List.of("a/b"), List.of(), List.of(), List.of(), false, List.of())));
        // "a" itself is \Noselect and "ab" only starts with the same letters.
        assertEquals(
                List.of("a/b", "a/b/c"),
                sources(options(List.of(), List.of("a"), List.of(), List.of(), false, List.of())));
        assertEquals(
                List.of("INBOX", "a/b/c"),
                sources(options(List.of("INBOX"), List.of("a/b/c"), List.of(), List.of(), false, List.of())));
    }

    @Test
    void includeThenExclude() {
        assertEquals(
                List.of("a/b/c", "ab"),
                sources(options(List.of(), List.of(), List.of("^a"), List.of("/b$"), false, List.of())));
        assertEquals(
                List.of("INBOX", "Projects", "Sent", "a/b", "a/b/c", "ab"),
                sources(options(List.of(), List.of(), List.of(), List.of("Trash|Spam|Drafts"), false, List.of())));
        // Exclude wins over an explicit --folder.
        assertEquals(
                List.of(),
                sources(options(List.of("Trash"), List.of(), List.of(), List.of("Trash"), false, List.of())));
    }

    @Test
    void subscribedOnlyKeepsInbox() {
        assertEquals(
                List.of("INBOX", "Projects"),
                sources(options(List.of(), List.of(), List.of(), List.of(), true, List.of())));
    }

    @Test
    void pairsKnowWhetherTheTargetExistsAfterMapping() {
        List<FolderPair> pairs = new FolderPlanner(options(
                        List.of(),
                        List.of(),
                        List.of("^(INBOX|Sent|Spam)$"),
                        List.of(),
                        false,
                        List.of("s/^Sent$/Sent Items/", "s/^Spam$/Sent/")))
                .plan(SOURCE, TARGET);
        assertEquals(3, pairs.size());
        assertEquals("INBOX", pairs.get(0).target().name());
        assertTrue(pairs.get(0).targetExists());
        assertEquals("Sent Items", pairs.get(1).target().name());
        assertFalse(pairs.get(1).targetExists());
        assertEquals("Sent", pairs.get(2).target().name());
        assertTrue(pairs.get(2).targetExists());
    }

    @Test
    void delete2foldersKeepsTargetFoldersOfUnselectedSourceFolders() {
        // --folder INBOX selects one folder; Sent and Projects exist on host1 all the same.
        FolderPlanner planner =
                new FolderPlanner(options(List.of("INBOX"), List.of(), List.of(), List.of(), false, List.of()));
        Folder trash = new Folder(MailboxName.of("Deleted Items"), '/', true, false, "\\Trash");
        FolderPlanner.Listing target = new FolderPlanner.Listing(
                List.of(f("INBOX"), f("Sent"), f("Projects"), f("Old"), f("Old/2019"), noselect("a"), f("a/b"), trash),
                SLASH);

        assertEquals(
                List.of("Old/2019", "Old"),
                planner.unmatchedOnTarget(SOURCE, target).stream()
                        .map(MailboxName::name)
                        .toList(),
                "only folders host1 has under no selection, children first");
    }

    @Test
    void namedFoldersTheSourceLacksAreReported() {
        FolderPlanner planner = new FolderPlanner(
                options(List.of("INBOX", "Nope"), List.of("Gone"), List.of(), List.of(), false, List.of()));
        assertEquals(List.of("Nope", "Gone"), planner.missingRequested(SOURCE));
    }
}
