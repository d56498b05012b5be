package org.imapferry.protocol.command;

/** <pre>NAMESPACE</pre> */
public record Namespace() implements ImapCommand {
    @Override
    public String name() {
        return "NAMESPACE";
    }
}
