package org.imapferry.engine.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;

/**
 * Acknowledges at once what a server sent, on a session whose every APPEND waits for its "+" (no
 * LITERAL+, RFC 7888). A server that writes its tagged OK and the next continuation apart, with
 * Nagle's algorithm on (RFC 896), holds the "+" until the OK is acknowledged; the client, with
 * nothing to send while it waits, delays that acknowledgement (RFC 1122 §4.2.3.2; 40 ms on Linux).
 * Together they cost one message per 40 ms. TCP_QUICKACK sends the pending acknowledgement now;
 * it is not sticky (tcp(7): the kernel enters and leaves quick-ack mode on its own), so it is set
 * again after every read.
 */
@Sharable
final class QuickAck extends ChannelInboundHandlerAdapter {
    static final String NAME = "quickack";

    private final ChannelOption<Boolean> option;

    private QuickAck(ChannelOption<Boolean> option) {
        this.option = option;
    }

    /**
     * Puts the handler first in the channel's pipeline, when the transport can set the option
     * (Linux); false when it cannot, and nothing was added.
     */
    static boolean install(Channel channel, ChannelOption<Boolean> option) {
        if (option == null || !channel.config().setOption(option, true)) {
            return false;
        }
        channel.pipeline().addFirst(NAME, new QuickAck(option));
        return true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(option, true);
        ctx.fireChannelReadComplete();
    }
}
