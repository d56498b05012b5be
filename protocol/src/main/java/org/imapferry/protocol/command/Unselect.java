package org.imapferry.protocol.command;

/** <pre>UNSELECT</pre> */
public record Unselect() implements ImapCommand {
    @Override
    public String name() {
        return "UNSELECT";
    }
}
