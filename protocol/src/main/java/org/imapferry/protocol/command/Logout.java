package org.imapferry.protocol.command;

/** <pre>LOGOUT</pre> */
public record Logout() implements ImapCommand {
    @Override
    public String name() {
        return "LOGOUT";
    }
}
