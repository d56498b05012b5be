package org.imapferry.protocol.command;

import java.util.List;

/** <pre>enable = "ENABLE" 1*(SP capability)</pre>  (RFC 5161 §4) */
public record Enable(List<String> capabilities) implements ImapCommand {
    public Enable {
        if (capabilities.isEmpty()) {
            throw new IllegalArgumentException("ENABLE needs at least one capability");
        }
        capabilities = List.copyOf(capabilities);
    }

    @Override
    public String name() {
        return "ENABLE";
    }
}
