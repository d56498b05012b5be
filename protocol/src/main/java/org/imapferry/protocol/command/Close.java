package org.imapferry.protocol.command;

/** <pre>CLOSE</pre> */
public record Close() implements ImapCommand {
    @Override
    public String name() {
        return "CLOSE";
    }
}
