package org.imapferry.engine.folder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imapferry.protocol.types.MailboxName;

/**
 * Target folders that more than one source folder maps to. A --regextrans2 merge, an --f1f2
 * pair, --automap or a delimiter translation ({@code a.b} becoming {@code a_b} next to a source
 * {@code a_b}) can all do it; each folder's pass would then take the other's messages for
 * strangers, and with --delete2 delete them.
 */
public final class FolderCollisions {
    private FolderCollisions() {}

    /** Two or more source folders and the one target folder they all map to. */
    public record Collision(MailboxName target, List<MailboxName> sources) {
        @Override
        public String toString() {
            return String.join(
                            " and ", sources.stream().map(s -> "\"" + s + "\"").toList()) + " -> \"" + target + "\"";
        }
    }

    /** The collisions among the pairs, in the order their targets first appear; empty when none. */
    public static List<Collision> find(List<FolderPair> pairs) {
        Map<MailboxName, List<MailboxName>> byTarget = new LinkedHashMap<>();
        for (FolderPair pair : pairs) {
            byTarget.computeIfAbsent(pair.target(), t -> new ArrayList<>())
                    .add(pair.source().name());
        }
        List<Collision> collisions = new ArrayList<>();
        byTarget.forEach((target, sources) -> {
            if (sources.size() > 1) {
                collisions.add(new Collision(target, List.copyOf(sources)));
            }
        });
        return collisions;
    }
}
