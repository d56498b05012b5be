package org.imapferry.protocol.command;

/** <pre>EXPUNGE</pre> */
public record Expunge() implements ImapCommand {
    @Override
    public String name() {
        return "EXPUNGE";
    }
}
