package org.imapferry.engine.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;

class FolderMappingTest {
    private static final FolderMapping.NamespaceView COURIER = new FolderMapping.NamespaceView("INBOX.", '.');
    private static final FolderMapping.NamespaceView DOVECOT = new FolderMapping.NamespaceView("", '/');
    private static final FolderMapping.NamespaceView DOTTED = new FolderMapping.NamespaceView("", '.');

    private static Folder folder(String name) {
        return new Folder(MailboxName.of(name), '.', true, true, null);
    }

    private static Folder special(String name, String use) {
        return new Folder(MailboxName.of(name), '.', true, true, use);
    }

    private static String map(FolderMapping mapping, String name) {
        return mapping.map(folder(name)).name();
    }

    private static FolderMapping plain(FolderMapping.NamespaceView from, FolderMapping.NamespaceView to) {
        return new FolderMapping(from, to, List.of(), Map.of(), false, Map.of());
    }

    @Test
    void courierPrefixAndSeparatorBecomeDovecots() {
        FolderMapping mapping = plain(COURIER, DOVECOT);
        assertEquals("Sent", map(mapping, "INBOX.Sent"));
        assertEquals("a/b/c", map(mapping, "INBOX.a.b.c"));
        assertEquals("INBOX", map(mapping, "INBOX"));
    }

    @Test
    void dovecotNamesGainCouriersPrefixAndSeparator() {
        FolderMapping mapping = plain(DOVECOT, COURIER);
        assertEquals("INBOX.Sent", map(mapping, "Sent"));
        assertEquals("INBOX.a.b.c", map(mapping, "a/b/c"));
        assertEquals("INBOX", map(mapping, "INBOX"));
        assertEquals("INBOX.Réçus.日本語", map(mapping, "Réçus/日本語"));
    }

    @Test
    void inboxStaysInboxWhateverTheCase() {
        assertEquals("INBOX", map(plain(DOVECOT, COURIER), "inbox"));
        assertEquals("INBOX", map(plain(COURIER, DOVECOT), "Inbox"));
        assertEquals("INBOX", map(plain(DOVECOT, DOVECOT), "INBOX"));
    }

    @Test
    void targetDelimiterInsideANameIsReplaced() {
        assertEquals("v1_2.notes", map(plain(DOVECOT, DOTTED), "v1.2/notes"));
        assertEquals("INBOX.a_b.c", map(plain(DOVECOT, COURIER), "a.b/c"));
        assertEquals("x_y/z", map(plain(DOTTED, DOVECOT), "x/y.z"));
        // Same delimiter on both sides: nothing to replace.
        assertEquals("a.b", map(plain(DOTTED, DOTTED), "a.b"));
    }

    @Test
    void rulesSeeTheTranslatedNameAndApplyInOrder() {
        FolderMapping mapping = new FolderMapping(
                COURIER,
                DOVECOT,
                List.of(
                        SubstitutionRule.parse("s/^Sent$/Sent Items/"),
                        SubstitutionRule.parse("s/Items/Things/"),
                        SubstitutionRule.parse("s,/,-,g")),
                Map.of(),
                false,
                Map.of());
        assertEquals("Sent Things", map(mapping, "INBOX.Sent"));
        assertEquals("a-b-c", map(mapping, "INBOX.a.b.c"));
        // A rule written for the source's spelling does not match the translated name.
        FolderMapping sourceSpelling = new FolderMapping(
                COURIER, DOVECOT, List.of(SubstitutionRule.parse("s/^INBOX\\.Sent$/X/")), Map.of(), false, Map.of());
        assertEquals("Sent", map(sourceSpelling, "INBOX.Sent"));
    }

    @Test
    void f1f2WinsOverRulesAndAutomap() {
        FolderMapping mapping = new FolderMapping(
                COURIER,
                DOVECOT,
                List.of(SubstitutionRule.parse("s/Sent/Y/")),
                Map.of("INBOX.Sent", "Exactly This"),
                true,
                Map.of("\\Sent", MailboxName.of("Sent Items")));
        assertEquals(
                "Exactly This", mapping.map(special("INBOX.Sent", "\\Sent")).name());
        assertEquals(
                "Y",
                map(
                        new FolderMapping(
                                COURIER,
                                DOVECOT,
                                List.of(SubstitutionRule.parse("s/Sent/Y/")),
                                Map.of("INBOX.Other", "Z"),
                                false,
                                Map.of()),
                        "INBOX.Sent"));
    }

    @Test
    void automapBySpecialUseAttribute() {
        FolderMapping mapping = new FolderMapping(
                DOVECOT,
                DOVECOT,
                List.of(),
                Map.of(),
                true,
                Map.of("\\Sent", MailboxName.of("Sent Items"), "\\Junk", MailboxName.of("Junk E-mail")));
        assertEquals(
                "Sent Items", mapping.map(special("Outbox Copies", "\\Sent")).name());
        assertEquals("Junk E-mail", mapping.map(special("Spam", "\\Junk")).name());
        // No counterpart on the target: the name is kept.
        assertEquals("Drafts", mapping.map(special("Drafts", "\\Drafts")).name());
        // Without --automap the attribute changes nothing.
        FolderMapping off = new FolderMapping(
                DOVECOT, DOVECOT, List.of(), Map.of(), false, Map.of("\\Sent", MailboxName.of("Sent Items")));
        assertEquals(
                "Outbox Copies", off.map(special("Outbox Copies", "\\Sent")).name());
    }

    @Test
    void automapByLocalizedName() {
        FolderMapping mapping = new FolderMapping(
                COURIER,
                DOVECOT,
                List.of(SubstitutionRule.parse("s/$/ (old)/")),
                Map.of(),
                true,
                Map.of("\\Sent", MailboxName.of("Sent"), "\\Trash", MailboxName.of("Trash")));
        assertEquals("Sent (old)", map(mapping, "INBOX.Gesendete Objekte"));
        assertEquals("Trash (old)", map(mapping, "INBOX.Corbeille"));
        assertEquals("Sent (old)", map(mapping, "INBOX.Éléments envoyés"));
        assertEquals("Papers (old)", map(mapping, "INBOX.Papers"));
        assertEquals("\\Junk", mapping.guessSpecialUse("INBOX.Junk E-mail"));
        assertEquals("\\Drafts", mapping.guessSpecialUse("INBOX.Entwürfe"));
        assertNull(mapping.guessSpecialUse("INBOX.Projects"));
    }

    @Test
    void explainNamesEachRuleThatChangedTheName() {
        List<SubstitutionRule> rules =
                List.of(SubstitutionRule.parse("s/^Drafts$/Kladde/"), SubstitutionRule.parse("s/^Nothing$/Else/"));
        FolderMapping mapping = new FolderMapping(
                COURIER, DOVECOT, rules, Map.of(), true, Map.of("\\Drafts", MailboxName.of("Drafts")));
        FolderMapping.Mapped mapped = mapping.explain(special("INBOX.Entwürfe", "\\Drafts"));
        assertEquals("Kladde", mapped.target().name());
        assertEquals(
                List.of("automap: INBOX.Entwürfe -> Drafts (special-use \\Drafts)", "regextrans2: Drafts -> Kladde"),
                mapped.steps().stream().map(Object::toString).toList());
        FolderMapping byName = new FolderMapping(
                COURIER, DOVECOT, List.of(), Map.of(), true, Map.of("\\Trash", MailboxName.of("Trash")));
        assertEquals(
                "automap: INBOX.Corbeille -> Trash (special-use \\Trash, guessed from the name)",
                byName.explain(folder("INBOX.Corbeille")).steps().get(0).toString());
        assertEquals(
                List.of(), plain(COURIER, DOVECOT).explain(folder("INBOX.a.b")).steps());
    }
}
