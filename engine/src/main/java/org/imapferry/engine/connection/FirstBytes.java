package org.imapferry.engine.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Keeps, as printable text, the first bytes a server sends, so that a server that is not an IMAP
 * server, or a port without the TLS the user asked for, can be named by what it said. It sits in
 * front of everything and is removed once the greeting has arrived or it has seen enough.
 */
final class FirstBytes extends ChannelInboundHandlerAdapter {
    static final String NAME = "first-bytes";
    /** Enough to recognise "220 smtp.example.org ESMTP" or "HTTP/1.1 400 Bad Request". */
    static final int LIMIT = 80;

    private final StringBuilder text = new StringBuilder();
    private int kept;
    private volatile String seen = "";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf in) {
            int end = in.writerIndex();
            for (int i = in.readerIndex(); i < end && kept <= LIMIT; i++, kept++) {
                append(kept == LIMIT ? -1 : in.getUnsignedByte(i));
            }
            seen = text.toString();
            if (kept > LIMIT) {
                ctx.pipeline().remove(this);
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** A byte as text: printable ASCII as it is, CR and LF as \r and \n, others as \xNN; -1 for "more". */
    private void append(int b) {
        if (b < 0) {
            text.append("...");
        } else if (b == '\r') {
            text.append("\\r");
        } else if (b == '\n') {
            text.append("\\n");
        } else if (b >= 0x20 && b < 0x7f) {
            text.append((char) b);
        } else {
            text.append(String.format("\\x%02X", b));
        }
    }

    /** What arrived so far; empty when nothing did. */
    String seen() {
        return seen;
    }
}
