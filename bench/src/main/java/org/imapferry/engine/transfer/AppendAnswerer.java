package org.imapferry.engine.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * A target server for benchmarks: reads APPEND commands (one message each, or several with
 * MULTIAPPEND, RFC 3502), skips their literals without copying them, and answers each command
 * {@code <tag> OK [APPENDUID 1 <uids>]} once its last line is in; a synchronizing literal gets
 * its "+" first, and LOGOUT its BYE. It counts the literal bytes it skipped, so a benchmark can check that every
 * byte arrived.
 */
final class AppendAnswerer extends ChannelInboundHandlerAdapter {
    /** Where the reader is in the command stream. */
    private enum State {
        LINE,
        LITERAL
    }

    private final StringBuilder line = new StringBuilder();
    private State state = State.LINE;
    private long literalLeft;
    private String tag;
    private int messagesInCommand;
    private long nextUid = 1;
    private long literalBytes;

    long literalBytes() {
        return literalBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable()) {
                if (state == State.LITERAL) {
                    int skip = (int) Math.min(literalLeft, in.readableBytes());
                    in.skipBytes(skip);
                    literalLeft -= skip;
                    literalBytes += skip;
                    if (literalLeft == 0) {
                        state = State.LINE;
                    }
                    continue;
                }
                char c = (char) in.readByte();
                if (c == '\n') {
                    lineEnded(ctx);
                } else if (c != '\r') {
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

    private void lineEnded(ChannelHandlerContext ctx) {
        if (tag == null) {
            tag = line.substring(0, line.indexOf(" "));
        }
        if (messagesInCommand == 0 && line.toString().equals(tag + " LOGOUT")) {
            ctx.write(ascii("* BYE\r\n" + tag + " OK logged out\r\n"));
            tag = null;
            line.setLength(0);
            return;
        }
        int open = line.lastIndexOf("{");
        if (line.length() > 0 && line.charAt(line.length() - 1) == '}' && open >= 0) {
            boolean nonSynchronizing = line.charAt(line.length() - 2) == '+';
            literalLeft = Long.parseLong(line.substring(open + 1, line.length() - (nonSynchronizing ? 2 : 1)));
            messagesInCommand++;
            state = literalLeft > 0 ? State.LITERAL : State.LINE;
            if (!nonSynchronizing) {
                ctx.write(ascii("+ go ahead\r\n"));
            }
        } else {
            long first = nextUid;
            nextUid += messagesInCommand;
            String uids = messagesInCommand == 1 ? Long.toString(first) : first + ":" + (nextUid - 1);
            ctx.write(ascii(tag + " OK [APPENDUID 1 " + uids + "] appended\r\n"));
            tag = null;
            messagesInCommand = 0;
        }
        line.setLength(0);
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
