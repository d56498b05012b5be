package org.imapferry.protocol.command;

import java.util.List;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.SequenceSet;

/**
 * <pre>
 * store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags
 * store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
 * store-modifier =/ "UNCHANGEDSINCE" SP mod-sequence-valzer      (RFC 7162 §3.1.3)
 * </pre>
 * under UID.
 *
 * @param unchangedSince UNCHANGEDSINCE value, or null
 */
public record UidStore(SequenceSet uids, Mode mode, boolean silent, List<Flag> flags, Long unchangedSince)
        implements ImapCommand {
    public enum Mode {
        REPLACE(""),
        ADD("+"),
        REMOVE("-");

        private final String prefix;

        Mode(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public UidStore {
        flags = List.copyOf(flags);
    }

    @Override
    public String name() {
        return "UID STORE";
    }
}
