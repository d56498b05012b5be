package org.imapferry.protocol.command;

import java.util.List;

/**
 * <pre>search = "SEARCH" [search-return-opts] SP search-criteria</pre>  (RFC 4731 §3) under UID.
 * The criteria are passed through as written (imapsync's {@code --search}); they must not
 * contain CR or LF.
 *
 * @param returnOptions ESEARCH RETURN options (MIN, MAX, ALL, COUNT); empty for plain SEARCH
 */
public record UidSearch(List<String> returnOptions, String criteria) implements ImapCommand {
    public UidSearch {
        returnOptions = List.copyOf(returnOptions);
    }

    @Override
    public String name() {
        return "UID SEARCH";
    }
}
