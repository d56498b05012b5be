package org.imapferry.engine.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * A source server for benchmarks: answers each {@code <tag> UID FETCH <set> BODY.PEEK[]} with
 * {@code * n FETCH (UID n BODY[] {size}\r\n<body>)} per UID (UID and sequence number are the
 * same), then {@code <tag> OK}. The body goes out as 64 KiB slices of one shared buffer, the
 * size of a socket read, so the client's decoder sees frames cut as on a real connection while
 * the fake itself neither copies nor allocates bodies. Only what the relay sends, and the
 * LOGOUT a closing session sends, is understood.
 */
final class FetchResponder extends ChannelInboundHandlerAdapter {
    private static final int SOCKET_READ = 64 * 1024;
    private static final byte[] BODY_END = ")\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuf body;
    private final StringBuilder line = new StringBuilder();

    /** @param body every message's bytes; the caller keeps and releases it */
    FetchResponder(ByteBuf body) {
        this.body = body;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable()) {
                char c = (char) in.readByte();
                if (c == '\n') {
                    answer(ctx, line.toString().strip());
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        } finally {
            in.release();
        }
    }

    /**
     * Flushed from a task of its own, not from inside the client's flush that delivered the
     * command: on one event loop the local transport would otherwise run the client's reading of
     * the answer inside that flush, and a flush the relay makes there is dropped (Netty ignores a
     * flush of a channel already flushing), which a server in another process never causes.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.executor().execute(ctx::flush);
    }

    private void answer(ChannelHandlerContext ctx, String command) {
        String[] words = command.split(" ");
        if (words.length == 2 && words[1].equals("LOGOUT")) {
            ctx.write(ascii("* BYE\r\n" + words[0] + " OK logged out\r\n"));
            return;
        }
        if (words.length != 5 || !words[1].equals("UID") || !words[2].equals("FETCH")) {
            throw new IllegalStateException("the benchmark's source only answers UID FETCH, not: " + command);
        }
        for (String range : words[3].split(",")) {
            int colon = range.indexOf(':');
            long first = Long.parseLong(colon < 0 ? range : range.substring(0, colon));
            long last = colon < 0 ? first : Long.parseLong(range.substring(colon + 1));
            for (long uid = first; uid <= last; uid++) {
                sendMessage(ctx, uid);
            }
        }
        ctx.write(ascii(words[0] + " OK fetched\r\n"));
    }

    private void sendMessage(ChannelHandlerContext ctx, long uid) {
        int size = body.readableBytes();
        ctx.write(ascii("* " + uid + " FETCH (UID " + uid + " BODY[] {" + size + "}\r\n"));
        for (int offset = 0; offset < size; offset += SOCKET_READ) {
            ctx.write(body.retainedSlice(body.readerIndex() + offset, Math.min(SOCKET_READ, size - offset)));
        }
        ctx.write(Unpooled.wrappedBuffer(BODY_END));
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
