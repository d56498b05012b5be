package org.imapferry.engine.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Locale;
import org.imapferry.protocol.types.Tag;

/**
 * Watches the clear-text bytes while a STARTTLS is answered, in front of the decoder, and starts
 * TLS at the exact byte where the tagged OK ends, in the same event-loop turn: not a byte read in
 * clear text after it can reach the session.
 *
 * <p>A byte after the tagged OK in the same read is refused, not decoded: TLS must start on an
 * empty response buffer, or a man in the middle could have appended responses (capabilities,
 * say) that the client would then take as said inside TLS (the "STARTTLS command injection" of
 * CVE-2011-0411; RFC 2595 §3.1 has the client discard everything learned before TLS). Bytes that
 * arrive in a later read go to the TLS handler and fail the handshake.
 */
final class StartTlsGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "starttls-guard";
    /** The part of a line needed to tell the tagged answer and its status. */
    private static final int KEPT = 64;

    private final String taggedPrefix;
    private final Runnable startTls;
    private final String where;
    private final StringBuilder line = new StringBuilder();

    /**
     * @param tag      the STARTTLS command's tag
     * @param startTls adds the TLS handler in front of the pipeline; runs on the event loop
     * @param where    "host:port", for the error
     */
    StartTlsGuard(Tag tag, Runnable startTls, String where) {
        this.taggedPrefix = tag.value() + " ";
        this.startTls = startTls;
        this.where = where;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int end = in.writerIndex();
        for (int i = in.readerIndex(); i < end; i++) {
            byte b = in.getByte(i);
            if (b != '\n') {
                if (line.length() < KEPT) {
                    line.append((char) (b & 0xff));
                }
                continue;
            }
            if (line.toString().startsWith(taggedPrefix)) {
                answered(ctx, in, end - i - 1);
                return;
            }
            line.setLength(0);
        }
        ctx.fireChannelRead(in);
    }

    /** The tagged answer ends in this buffer, with {@code after} bytes following it. */
    private void answered(ChannelHandlerContext ctx, ByteBuf in, int after) {
        if (after > 0) {
            in.release();
            ctx.pipeline().remove(this);
            ctx.fireExceptionCaught(new TlsFailedException(
                    TlsFailedException.Reason.INJECTED_BEFORE_TLS,
                    where + " sent " + after + " more byte" + (after == 1 ? "" : "s") + " right after its STARTTLS OK,"
                            + " before TLS began; they may have been inserted by someone on the way (CVE-2011-0411),"
                            + " so the connection was closed",
                    null));
            return;
        }
        String status = line.substring(taggedPrefix.length()).toUpperCase(Locale.ROOT);
        if (status.startsWith("OK")) {
            startTls.run();
        }
        ctx.fireChannelRead(in);
        ctx.pipeline().remove(this);
    }
}
