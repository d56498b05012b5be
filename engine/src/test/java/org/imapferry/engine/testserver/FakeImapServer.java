package org.imapferry.engine.testserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * A scripted IMAP server on a free loopback port, for faults no real server produces on demand
 * (drops mid-literal, NO/BAD/BYE, lies about literal sizes, stalls, PREAUTH, bytes injected before
 * TLS, bad certificates). It works on raw bytes and lines, independent of the codec. Each accepted
 * connection plays the next {@link ImapScript};
 * {@link #awaitDone(Duration)} fails with what was expected and what arrived.
 *
 * <pre>{@code
 * try (FakeImapServer server = FakeImapServer.start(new ImapScript()
 *         .send("* OK ready")
 *         .expectLine("\\S+ LOGIN .*")
 *         .send("{tag} OK done"))) {
 *     ... connect a client to server.host(), server.port() ...
 *     server.awaitDone(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class FakeImapServer implements AutoCloseable {
    private static final Pattern LITERAL_AT_END = Pattern.compile(".*~?\\{\\d+[+-]?}$");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<ImapScript> scripts;
    /** Connections past the scripts play the last one again, untracked, instead of being closed. */
    private final boolean repeatLast;

    private final List<CompletableFuture<Void>> results = new ArrayList<>();
    private final List<ByteArrayOutputStream> received = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    /** The step each connection is at, for failure messages. */
    private final AtomicIntegerArray progress;

    private final Channel listener;
    /** Accepted connections, closed before the loop shuts down so each Player releases its buffer. */
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private FakeImapServer(List<ImapScript> scripts, boolean repeatLast) {
        this.scripts = List.copyOf(scripts);
        this.repeatLast = repeatLast;
        this.progress = new AtomicIntegerArray(scripts.size());
        for (int i = 0; i < scripts.size(); i++) {
            results.add(new CompletableFuture<>());
            received.add(new ByteArrayOutputStream());
        }
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            children.add(ch);
                            int index = connections.getAndIncrement();
                            if (index < scripts.size()) {
                                ch.pipeline().addLast(new Player(index));
                            } else if (repeatLast) {
                                ch.pipeline()
                                        .addLast(new Player(
                                                scripts.size() - 1,
                                                new CompletableFuture<>(),
                                                new ByteArrayOutputStream()));
                            } else {
                                ch.close();
                            }
                        }
                    })
                    .bind("127.0.0.1", 0)
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while binding", e);
        }
    }

    /** Listens on 127.0.0.1 and a free port; the n-th connection plays the n-th script. */
    public static FakeImapServer start(ImapScript... perConnection) {
        if (perConnection.length == 0) {
            throw new IllegalArgumentException("at least one script");
        }
        return new FakeImapServer(List.of(perConnection), false);
    }

    /**
     * As {@link #start(ImapScript...)}, but every connection past the scripts plays the last one
     * again: a server that behaves so however often a client comes back, whatever its retry
     * policy. {@link #awaitDone(Duration)} waits for the scripts given, once each.
     */
    public static FakeImapServer startRepeatingLast(ImapScript... perConnection) {
        if (perConnection.length == 0) {
            throw new IllegalArgumentException("at least one script");
        }
        return new FakeImapServer(List.of(perConnection), true);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Everything connection {@code index} received so far. */
    public byte[] received(int index) {
        synchronized (received.get(index)) {
            return received.get(index).toByteArray();
        }
    }

    /** What the first connection received, as text. */
    public String receivedText() {
        return new String(received(0), StandardCharsets.UTF_8);
    }

    /**
     * Waits until every script has played to its end.
     *
     * @throws AssertionError naming the step that failed or was still waiting, and what arrived
     */
    public void awaitDone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < results.size(); i++) {
            try {
                results.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String where = i >= connections.get()
                        ? "no connection #" + (i + 1) + " arrived"
                        : "connection #" + (i + 1) + " was still waiting at "
                                + scripts.get(i).describe(progress.get(i));
                throw new AssertionError(where + " after " + timeout + "; received:\n" + text(i));
            } catch (ExecutionException e) {
                throw new AssertionError(
                        "connection #" + (i + 1) + ": " + e.getCause().getMessage() + "\nreceived:\n" + text(i),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private String text(int index) {
        return new String(received(index), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        // A channel still open when the loop shuts down is closed without its pipeline being
        // torn down, and the Player's buffer would leak.
        children.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Plays one script on one connection, on its event loop. */
    private final class Player extends ChannelInboundHandlerAdapter {
        private final int index;
        private final ImapScript script;
        private final CompletableFuture<Void> result;
        private ByteBuf pending;
        private int step;
        private String tag = "";
        private boolean continuation;
        private boolean paused;

        private final ByteArrayOutputStream record;

        Player(int index) {
            this(index, results.get(index), received.get(index));
        }

        /** A connection that plays script {@code index} and keeps its outcome and bytes where given. */
        Player(int index, CompletableFuture<Void> result, ByteArrayOutputStream record) {
            this.index = index;
            this.script = scripts.get(index);
            this.result = result;
            this.record = record;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            pending = ctx.alloc().buffer();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            pending.release();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            play(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                byte[] copy = new byte[in.readableBytes()];
                in.getBytes(in.readerIndex(), copy);
                synchronized (record) {
                    record.writeBytes(copy);
                }
                pending.writeBytes(in);
            } finally {
                in.release();
            }
            play(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!result.isDone()) {
                result.completeExceptionally(new IllegalStateException(
                        "the client closed the connection while the script was at " + script.describe(step)));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }

        /** Runs steps until one needs input that has not arrived, or the script ends. */
        private void play(ChannelHandlerContext ctx) {
            while (!paused && !result.isDone()) {
                track();
                if (step == script.size()) {
                    result.complete(null);
                    return;
                }
                ImapScript.Step current = script.step(step);
                if (current instanceof ImapScript.Send send) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(send.bytes(tag)));
                    if (send.completesCommand()) {
                        // A tagged answer ends the command, also one that refused a literal
                        // before it was sent: the next line is a new command with its own tag.
                        continuation = false;
                    }
                } else if (current instanceof ImapScript.ExpectLine expect) {
                    int eol = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n');
                    if (eol < 0) {
                        return;
                    }
                    String line = pending.toString(
                            pending.readerIndex(), eol - pending.readerIndex(), StandardCharsets.UTF_8);
                    pending.readerIndex(eol + 1);
                    pending.discardReadBytes();
                    line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                    if (!expect.pattern().matcher(line).matches()) {
                        fail(ctx, "expected a line matching " + expect.pattern() + " but got: " + line);
                        return;
                    }
                    if (!continuation) {
                        int space = line.indexOf(' ');
                        tag = space < 0 ? line : line.substring(0, space);
                    }
                    continuation = LITERAL_AT_END.matcher(line).matches();
                } else if (current instanceof ImapScript.ExpectLiteral expect) {
                    if (pending.readableBytes() < expect.length()) {
                        return;
                    }
                    pending.skipBytes(expect.length());
                    pending.discardReadBytes();
                } else if (current instanceof ImapScript.StartTls tls) {
                    // The bytes already written went out in clear; what follows goes through TLS.
                    ctx.pipeline()
                            .addFirst("tls", serverContext(tls.certificates()).newHandler(ctx.alloc()));
                } else if (current instanceof ImapScript.Pause pause) {
                    paused = true;
                    ctx.executor()
                            .schedule(
                                    () -> {
                                        paused = false;
                                        step++;
                                        play(ctx);
                                    },
                                    pause.duration().toNanos(),
                                    TimeUnit.NANOSECONDS);
                    return;
                } else {
                    step++;
                    track();
                    result.complete(null);
                    ctx.close();
                    return;
                }
                step++;
            }
        }

        private static SslContext serverContext(TestCertificates certificates) {
            try {
                return SslContextBuilder.forServer(certificates.serverKey(), certificates.serverCertificate())
                        .build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot start TLS with the test certificate", e);
            }
        }

        /** Only a listed connection's progress is shown by awaitDone; a repeat's is its own. */
        private void track() {
            if (result == results.get(index)) {
                progress.set(index, step);
            }
        }

        private void fail(ChannelHandlerContext ctx, String message) {
            result.completeExceptionally(new IllegalStateException("at " + script.describe(step) + ": " + message));
            ctx.close();
        }
    }
}
