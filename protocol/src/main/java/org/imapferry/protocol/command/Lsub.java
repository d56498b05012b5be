package org.imapferry.protocol.command;

/** <pre>lsub = "LSUB" SP mailbox SP list-mailbox</pre>  (RFC 3501 §9) */
public record Lsub(String reference, String pattern) implements ImapCommand {
    @Override
    public String name() {
        return "LSUB";
    }
}
