package org.imapferry.engine.folder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.response.NamespaceData;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;

/**
 * Lists both accounts and decides which source folders are copied and where to. Selection follows
 * imapsync: {@code --folder}/{@code --folderrec} when given, else every folder; then
 * {@code --include}, then {@code --exclude}; {@code --subscribed} keeps subscribed ones only;
 * containers that cannot hold messages ({@code \Noselect}) are skipped.
 */
public final class FolderPlanner {
    private final SyncOptions.Folders options;

    public FolderPlanner(SyncOptions.Folders options) {
        this.options = options;
    }

    /** What one side looks like. */
    public record Listing(List<Folder> folders, FolderMapping.NamespaceView namespace) {
        public Folder find(MailboxName name) {
            return folders.stream()
                    .filter(f -> f.name().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    public static Listing list(ImapSession session, String prefixOverride, Character delimiterOverride) {
        return request(session, prefixOverride, delimiterOverride).listing();
    }

    /**
     * LIST (and LSUB without LIST-EXTENDED) and NAMESPACE sent at once, pipelined: one round trip
     * for the side, and the other side's listing can be on its way meanwhile.
     */
    public static PendingListing request(ImapSession session, String prefixOverride, Character delimiterOverride) {
        boolean extended = session.has(Capability.LIST_EXTENDED);
        CompletableFuture<CommandResult> list;
        CompletableFuture<CommandResult> lsub = null;
        if (extended) {
            List<String> returns = new ArrayList<>(List.of("SUBSCRIBED"));
            if (session.has(Capability.SPECIAL_USE)) {
                returns.add("SPECIAL-USE");
            }
            list = session.submit(ImapCommands.list("", "*", returns));
        } else {
            list = session.submit(ImapCommands.list("", "*"));
            lsub = session.submit(ImapCommands.lsub("", "*"));
        }
        CompletableFuture<CommandResult> namespace =
                session.has(Capability.NAMESPACE) ? session.submit(ImapCommands.namespace()) : null;
        return new PendingListing(session, list, lsub, namespace, prefixOverride, delimiterOverride);
    }

    /** A side's listing on its way; {@link #listing()} waits for the answers and reads them. */
    public record PendingListing(
            ImapSession session,
            CompletableFuture<CommandResult> list,
            CompletableFuture<CommandResult> lsub,
            CompletableFuture<CommandResult> namespace,
            String prefixOverride,
            Character delimiterOverride) {
        public Listing listing() {
            List<ListData> lists = session.await(list, "LIST").all(ListData.class);
            Set<MailboxName> subscribed = new TreeSet<>();
            if (lsub != null) {
                session.await(lsub, "LSUB").all(ListData.class).forEach(l -> subscribed.add(l.mailbox()));
            }
            NamespaceData ns = namespace == null
                    ? null
                    : session.await(namespace, "NAMESPACE").first(NamespaceData.class);
            return FolderPlanner.listing(lists, subscribed, ns, prefixOverride, delimiterOverride);
        }
    }

    private static Listing listing(
            List<ListData> lists,
            Set<MailboxName> subscribed,
            NamespaceData ns,
            String prefixOverride,
            Character delimiterOverride) {
        Map<MailboxName, Folder> folders = new LinkedHashMap<>();
        Character delimiter = null;
        for (ListData l : lists) {
            folders.putIfAbsent(l.mailbox(), Folder.of(l, subscribed.contains(l.mailbox())));
            if (delimiter == null && l.delimiter() != null) {
                delimiter = l.delimiter();
            }
        }
        String prefix = "";
        if (ns != null && !ns.personal().isEmpty()) {
            prefix = ns.personal().get(0).prefix();
            if (ns.personal().get(0).delimiter() != null) {
                delimiter = ns.personal().get(0).delimiter();
            }
        }
        if (prefixOverride != null) {
            prefix = prefixOverride;
        }
        if (delimiterOverride != null) {
            delimiter = delimiterOverride;
        }
        return new Listing(
                new ArrayList<>(folders.values()),
                new FolderMapping.NamespaceView(prefix, delimiter == null ? '/' : delimiter));
    }

    /**
     * The folder pairs to copy, in name order, INBOX first.
     *
     * @throws FolderCollisionException when two selected source folders map to one target folder
     */
    public List<FolderPair> plan(Listing source, Listing target) {
        FolderMapping mapping = mapping(source, target);
        List<FolderPair> pairs = new ArrayList<>();
        for (Folder folder : source.folders()) {
            if (folder.selectable() && selected(folder, source.namespace().delimiter())) {
                MailboxName to = mapping.map(folder);
                pairs.add(new FolderPair(folder, to, target.find(to) != null));
            }
        }
        pairs.sort((a, b) -> a.source().name().isInbox()
                ? -1
                : b.source().name().isInbox()
                        ? 1
                        : a.source().name().compareTo(b.source().name()));
        List<FolderCollisions.Collision> collisions = FolderCollisions.find(pairs);
        if (!collisions.isEmpty()) {
            throw new FolderCollisionException(collisions);
        }
        return pairs;
    }

    /** The rules (--automap, --regextrans2, --f1f2) that named each pair's target, for the run's output. */
    public Map<MailboxName, List<FolderMapping.Step>> mappingSteps(
            Listing source, Listing target, List<FolderPair> pairs) {
        FolderMapping mapping = mapping(source, target);
        Map<MailboxName, List<FolderMapping.Step>> steps = new LinkedHashMap<>();
        for (FolderPair pair : pairs) {
            steps.put(pair.source().name(), mapping.explain(pair.source()).steps());
        }
        return steps;
    }

    /**
     * --delete2folders: target folders that no source folder maps to, whatever the selection,
     * deepest first. INBOX and special-use folders are never among them: the target's server
     * made those, and clients expect them.
     */
    public List<MailboxName> unmatchedOnTarget(Listing source, Listing target) {
        FolderMapping mapping = mapping(source, target);
        Set<MailboxName> mapped = new TreeSet<>();
        source.folders().forEach(f -> mapped.add(mapping.map(f)));
        List<MailboxName> extra = new ArrayList<>();
        for (Folder f : target.folders()) {
            String childPrefix = f.name().name() + target.namespace().delimiter();
            if (!mapped.contains(f.name())
                    && !f.name().isInbox()
                    && f.specialUse() == null
                    && mapped.stream().noneMatch(m -> m.name().startsWith(childPrefix))) {
                extra.add(f.name());
            }
        }
        extra.sort((a, b) -> b.name().length() - a.name().length());
        return extra;
    }

    private FolderMapping mapping(Listing source, Listing target) {
        Map<String, MailboxName> targetSpecialUse = new HashMap<>();
        for (Folder f : target.folders()) {
            if (f.specialUse() != null) {
                targetSpecialUse.putIfAbsent(f.specialUse(), f.name());
            }
        }
        List<SubstitutionRule> rules =
                options.regextrans2().stream().map(SubstitutionRule::parse).toList();
        FolderMapping mapping = new FolderMapping(
                source.namespace(), target.namespace(), rules, options.f1f2(), options.automap(), targetSpecialUse);
        if (options.automap()) {
            // Without SPECIAL-USE on the target, its own folder names tell what they are for.
            for (Folder f : target.folders()) {
                String guess = mapping.guessSpecialUse(f.name().name());
                if (guess != null) {
                    targetSpecialUse.putIfAbsent(guess, f.name());
                }
            }
            mapping = new FolderMapping(
                    source.namespace(), target.namespace(), rules, options.f1f2(), true, targetSpecialUse);
        }
        return mapping;
    }

    private boolean selected(Folder folder, char delimiter) {
        String name = folder.name().name();
        boolean explicit = !options.folder().isEmpty() || !options.folderRec().isEmpty();
        if (explicit) {
            boolean listed = options.folder().contains(name);
            for (String root : options.folderRec()) {
                listed |= name.equals(root) || name.startsWith(root + delimiter);
            }
            if (!listed) {
                return false;
            }
        }
        if (!options.include().isEmpty() && options.include().stream().noneMatch(p -> matches(p, name))) {
            return false;
        }
        if (options.exclude().stream().anyMatch(p -> matches(p, name))) {
            return false;
        }
        return !options.subscribedOnly() || folder.subscribed() || folder.name().isInbox();
    }

    private static boolean matches(Pattern pattern, String name) {
        return pattern.matcher(name).find();
    }

    /** Source folders named with --folder that the source does not have: an error for the user. */
    public List<String> missingRequested(Listing source) {
        List<String> missing = new ArrayList<>();
        for (String name : options.folder()) {
            if (source.find(MailboxName.of(name)) == null) {
                missing.add(name);
            }
        }
        for (String name : options.folderRec()) {
            if (source.find(MailboxName.of(name)) == null) {
                missing.add(name);
            }
        }
        return missing;
    }
}
