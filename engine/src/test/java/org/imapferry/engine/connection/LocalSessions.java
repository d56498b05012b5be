package org.imapferry.engine.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.imapferry.protocol.ImapClientCodec;
import org.imapferry.protocol.types.Capabilities;

/**
 * Sessions over Netty's local transport, all on one event loop (as a relay needs its two), each
 * with a server end that a test plays by hand: it sends response bytes and reads what the
 * client wrote. The client side has the real codec and {@link CommandPipeline}, nothing else.
 */
public final class LocalSessions implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final LocalAddress address = new LocalAddress(LocalSessions.class);
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private final Channel listener;

    public LocalSessions() {
        listener = new ServerBootstrap()
                .group(group)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        accepted.add(ch);
                    }
                })
                .bind(address)
                .syncUninterruptibly()
                .channel();
    }

    /** The server's end of one connection: what the client wrote, and a way to answer. */
    public static final class ServerEnd extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Channel channel;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                synchronized (received) {
                    received.writeBytes(bytes);
                }
            } finally {
                buf.release();
            }
        }

        /** Sends lines, each ended with CRLF. */
        public ServerEnd send(String... lines) {
            for (String line : lines) {
                sendRaw((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            return this;
        }

        public ServerEnd sendRaw(byte[] bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
            return this;
        }

        /** Everything the client wrote so far, as ISO-8859-1 text (byte for byte). */
        public String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.ISO_8859_1);
            }
        }

        /** Waits until what the client wrote satisfies the condition; fails after a few seconds. */
        public String await(Predicate<String> condition) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < end) {
                String now = received();
                if (condition.test(now)) {
                    return now;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new AssertionError("the client never wrote what was awaited; it wrote:\n" + received());
        }

        public void close() {
            channel.close().syncUninterruptibly();
        }

        public boolean isOpen() {
            return channel.isOpen();
        }
    }

    /** A connected session whose server end has greeted it; the session knows the capabilities given. */
    public ImapSession connect(String name, Capabilities capabilities, ServerEnd server) throws InterruptedException {
        AtomicReference<ImapSession> session = new AtomicReference<>();
        CommandPipeline pipeline = new CommandPipeline(event -> ImapSession.onUnsolicited(session.get(), event));
        Channel client = new Bootstrap()
                .group(group)
                .channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast("codec", new ImapClientCodec());
                        ch.pipeline().addLast("commands", pipeline);
                    }
                })
                .connect(address)
                .syncUninterruptibly()
                .channel();
        Channel serverChannel = accepted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (serverChannel == null) {
            throw new IllegalStateException("the local server accepted no connection");
        }
        server.channel = serverChannel;
        serverChannel.pipeline().addLast(server);
        session.set(new ImapSession(client, pipeline, name, WAIT));
        server.send("* OK ready");
        session.get().await(pipeline.greeting(), "the greeting");
        session.get().capabilities(capabilities);
        return session.get();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
