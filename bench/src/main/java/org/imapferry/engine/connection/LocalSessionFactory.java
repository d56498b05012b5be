package org.imapferry.engine.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.imapferry.protocol.ImapClientCodec;
import org.imapferry.protocol.types.Capabilities;

/**
 * Sessions for benchmarks over Netty's local transport: the client end is wired as
 * {@link ImapConnector} wires a plain connection (codec, {@link CommandPipeline}, the same write
 * water mark, so the relay's back-pressure behaves as on a socket), the server end is a handler
 * the caller gives. Both ends read into the default allocator's buffers, direct as a socket's
 * reads are: the local transport's own choice, heap buffers, made a third of the bytes a 75 KB
 * message allocated in this benchmark, a cost no socket has. It lives in this package (in the
 * bench module, on the classpath) because an {@link ImapSession} is only made here; the engine
 * needs no seam for it.
 */
public final class LocalSessionFactory implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final LocalAddress address = new LocalAddress(LocalSessionFactory.class);
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private final Channel listener;

    /** @param group one event loop: a relay needs both its sessions on the same one */
    public LocalSessionFactory(EventLoopGroup group) {
        this.group = group;
        listener = new ServerBootstrap()
                .group(group)
                .channel(LocalServerChannel.class)
                .childOption(ChannelOption.ALLOCATOR, ByteBufAllocator.DEFAULT)
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

    /** A greeted session whose server end is {@code server}; the session knows the capabilities given. */
    public ImapSession connect(String name, Capabilities capabilities, ChannelHandler server)
            throws InterruptedException {
        AtomicReference<ImapSession> session = new AtomicReference<>();
        CommandPipeline pipeline = new CommandPipeline(event -> ImapSession.onUnsolicited(session.get(), event));
        Channel client = new Bootstrap()
                .group(group)
                .channel(LocalChannel.class)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ImapConnector.WATER_MARK)
                .option(ChannelOption.ALLOCATOR, ByteBufAllocator.DEFAULT)
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
        serverChannel.pipeline().addLast(server);
        session.set(new ImapSession(client, pipeline, name, WAIT));
        serverChannel
                .writeAndFlush(Unpooled.copiedBuffer("* OK ready\r\n", StandardCharsets.US_ASCII))
                .syncUninterruptibly();
        session.get().await(pipeline.greeting(), "the greeting");
        session.get().capabilities(capabilities);
        return session.get();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
    }
}
