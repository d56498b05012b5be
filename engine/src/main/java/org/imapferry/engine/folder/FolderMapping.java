package org.imapferry.engine.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.imapferry.protocol.types.MailboxName;

/**
 * Source folder name to target folder name, in imapsync's order: personal-namespace prefix and
 * hierarchy delimiter translated first (Courier's {@code INBOX.Sent} becomes Dovecot's
 * {@code Sent}), then special-use mapping ({@code --automap}), then each {@code --regextrans2}
 * rule in turn; an exact {@code --f1f2} pair wins over all of them.
 */
public final class FolderMapping {
    /** Common localized names of special-use folders, for servers without SPECIAL-USE. */
    private static final Map<String, List<String>> WELL_KNOWN = Map.of(
            "\\Sent",
                    List.of(
                            "sent",
                            "sent items",
                            "sent messages",
                            "sent mail",
                            "gesendet",
                            "gesendete objekte",
                            "gesendete elemente",
                            "envoyés",
                            "éléments envoyés",
                            "enviados",
                            "elementos enviados",
                            "inviata",
                            "posta inviata",
                            "verzonden",
                            "verzonden items",
                            "[gmail]/sent mail"),
            "\\Drafts",
                    List.of(
                            "drafts",
                            "draft",
                            "entwürfe",
                            "brouillons",
                            "borradores",
                            "bozze",
                            "concepten",
                            "[gmail]/drafts"),
            "\\Trash",
                    List.of(
                            "trash",
                            "deleted items",
                            "deleted messages",
                            "papierkorb",
                            "gelöschte elemente",
                            "corbeille",
                            "papelera",
                            "cestino",
                            "prullenbak",
                            "bin",
                            "[gmail]/trash"),
            "\\Junk",
                    List.of(
                            "junk",
                            "spam",
                            "junk e-mail",
                            "junk email",
                            "bulk mail",
                            "junk-e-mail",
                            "courrier indésirable",
                            "correo no deseado",
                            "posta indesiderata",
                            "ongewenste e-mail",
                            "[gmail]/spam"),
            "\\Archive", List.of("archive", "archives", "archiv", "archivo", "archivio", "archief"));

    private final NamespaceView source;
    private final NamespaceView target;
    private final List<SubstitutionRule> rules;
    private final Map<String, String> f1f2;
    private final boolean automap;
    private final Map<String, MailboxName> targetSpecialUse;

    /** The personal namespace as the planner sees it on one side. */
    public record NamespaceView(String prefix, char delimiter) {}

    public FolderMapping(
            NamespaceView source,
            NamespaceView target,
            List<SubstitutionRule> rules,
            Map<String, String> f1f2,
            boolean automap,
            Map<String, MailboxName> targetSpecialUse) {
        this.source = source;
        this.target = target;
        this.rules = List.copyOf(rules);
        this.f1f2 = Map.copyOf(f1f2);
        this.automap = automap;
        this.targetSpecialUse = Map.copyOf(targetSpecialUse);
    }

    /**
     * One rule that changed a folder's name, for the run's output: "automap: Entwürfe -> Drafts
     * (special-use \Drafts)". Namespace translation is not a step: it only follows the servers.
     */
    public record Step(String rule, String from, String to, String why) {
        @Override
        public String toString() {
            return rule + ": " + from + " -> " + to + (why == null ? "" : " (" + why + ")");
        }
    }

    /** A target name and the rules that made it. */
    public record Mapped(MailboxName target, List<Step> steps) {}

    public MailboxName map(Folder folder) {
        return explain(folder).target();
    }

    public Mapped explain(Folder folder) {
        String name = folder.name().name();
        String exact = f1f2.get(name);
        if (exact != null) {
            return new Mapped(MailboxName.of(exact), List.of(new Step("f1f2", name, exact, null)));
        }
        List<Step> steps = new ArrayList<>();
        String mapped = translate(name);
        if (automap) {
            String use = folder.specialUse() != null ? folder.specialUse() : guessSpecialUse(name);
            MailboxName special = use == null ? null : targetSpecialUse.get(use);
            if (special != null && !special.name().equals(mapped)) {
                steps.add(new Step(
                        "automap",
                        name,
                        special.name(),
                        "special-use " + use + (folder.specialUse() == null ? ", guessed from the name" : "")));
                mapped = special.name();
            }
        }
        for (SubstitutionRule rule : rules) {
            String before = mapped;
            mapped = rule.apply(mapped);
            if (!mapped.equals(before)) {
                steps.add(new Step("regextrans2", before, mapped, null));
            }
        }
        return new Mapped(MailboxName.of(mapped), List.copyOf(steps));
    }

    /** The special use a folder's name suggests, from the table of common names. */
    public String guessSpecialUse(String name) {
        String leaf = stripPrefix(name).toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> entry : WELL_KNOWN.entrySet()) {
            if (entry.getValue().contains(leaf)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private String translate(String name) {
        if (name.equals("INBOX")) {
            return name;
        }
        String relative = stripPrefix(name);
        String[] parts = relative.split(Pattern.quote(String.valueOf(source.delimiter())), -1);
        StringBuilder out = new StringBuilder(target.prefix());
        String targetDelimiter = String.valueOf(target.delimiter());
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(targetDelimiter);
            }
            // A character that is the target's delimiter inside a name would split the folder
            // in two; imapsync's --fixslash2 replaces it the same way.
            out.append(source.delimiter() == target.delimiter() ? parts[i] : parts[i].replace(targetDelimiter, "_"));
        }
        String mapped = out.toString();
        return mapped.equalsIgnoreCase(target.prefix() + "INBOX") ? "INBOX" : mapped;
    }

    private String stripPrefix(String name) {
        String prefix = source.prefix();
        if (!prefix.isEmpty() && name.length() > prefix.length() && name.startsWith(prefix)) {
            return name.substring(prefix.length());
        }
        return name;
    }
}
