package org.imapferry.protocol.command;

import java.util.List;
import org.imapferry.protocol.types.SequenceSet;

/**
 * <pre>
 * fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")
 *         [fetch-modifiers]
 * fetch-modifier =/ "CHANGEDSINCE" SP mod-sequence-valzer ["VANISHED"]     (RFC 7162 §3.1.4.1, §3.2.6)
 * </pre>
 * under UID. Items are written as given ({@code UID}, {@code BODY.PEEK[]},
 * {@code BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]}).
 *
 * @param changedSince CHANGEDSINCE value, or null
 */
public record UidFetch(SequenceSet uids, List<String> items, Long changedSince, boolean vanished)
        implements ImapCommand {
    public UidFetch {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("FETCH needs at least one item");
        }
        items = List.copyOf(items);
        if (vanished && changedSince == null) {
            throw new IllegalArgumentException("VANISHED needs CHANGEDSINCE (RFC 7162 §3.2.6)");
        }
    }

    @Override
    public String name() {
        return "UID FETCH";
    }
}
