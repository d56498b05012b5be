package org.imapferry.protocol.command;

/** <pre>NOOP</pre> */
public record Noop() implements ImapCommand {
    @Override
    public String name() {
        return "NOOP";
    }
}
