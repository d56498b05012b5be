package org.imapferry.protocol.command;

/** <pre>CAPABILITY</pre> */
public record Capability() implements ImapCommand {
    @Override
    public String name() {
        return "CAPABILITY";
    }
}
