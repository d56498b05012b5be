package org.imapferry.protocol.command;

/** <pre>STARTTLS</pre> */
public record StartTls() implements ImapCommand {
    @Override
    public String name() {
        return "STARTTLS";
    }
}
