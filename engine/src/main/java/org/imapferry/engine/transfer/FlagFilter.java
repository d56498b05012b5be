package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.imapferry.engine.folder.SubstitutionRule;
import org.imapferry.protocol.types.Flag;

/**
 * The flags an APPEND carries: the source's, rewritten by {@code --regexflag}, without
 * {@code \Recent} (only a server sets it, RFC 3501 §2.3.2), without {@code \*} (RFC 3501 §9
 * {@code flag-perm}: a PERMANENTFLAGS value, never a message's, and no {@code flag-list} of an
 * APPEND may carry it), and without keywords the target's PERMANENTFLAGS say it would not keep;
 * what is left out is noted once per folder instead of failing the message.
 */
final class FlagFilter {
    private final SelectedFolder target;
    private final List<SubstitutionRule> rules;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Set<String> dropped = new TreeSet<>();

    FlagFilter(SelectedFolder target, List<SubstitutionRule> rules) {
        this.target = target;
        this.rules = rules;
    }

    List<Flag> apply(List<Flag> flags) {
        List<Flag> out = new ArrayList<>();
        for (Flag flag : flags) {
            String value = flag.value();
            for (SubstitutionRule rule : rules) {
                value = rule.apply(value);
            }
            if (value.isBlank()) {
                continue;
            }
            // Only a --regexflag rule can make one flag several; a flag as the server sent it has no space.
            for (String one : rules.isEmpty() ? new String[] {value} : WHITESPACE.split(value.strip())) {
                Flag f = new Flag(one);
                if (f.equals(Flag.RECENT) || out.contains(f)) {
                    continue;
                }
                if (target.keeps(f) && !f.equals(Flag.ANY_KEYWORD)) {
                    out.add(f);
                } else {
                    synchronized (dropped) {
                        dropped.add(f.value());
                    }
                }
            }
        }
        return out;
    }

    Set<String> dropped() {
        return dropped;
    }
}
