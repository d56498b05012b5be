package org.imapferry.protocol.command;

/** <pre>compress = "COMPRESS" SP algorithm</pre>  (RFC 4978 §4); only DEFLATE is defined. */
public record Compress(String algorithm) implements ImapCommand {
    @Override
    public String name() {
        return "COMPRESS";
    }
}
