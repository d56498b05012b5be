package org.imapferry.protocol.command;

/** <pre>IDLE</pre> */
public record Idle() implements ImapCommand {
    @Override
    public String name() {
        return "IDLE";
    }
}
