package org.imapferry.engine.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.imapferry.protocol.ImapClientCodec;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.StartTls;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.response.CapabilityData;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.ResponseCode;

/**
 * Turns an {@link Endpoint} into a ready {@link ImapSession}: connect, TLS (implicit or
 * STARTTLS), capabilities, authentication, then the extensions the engine uses.
 *
 * <pre>
 * socket ─ [shaping] ─ [FirstBytes] ─ [SslHandler] ─ [trace] ─ ImapClientCodec ─ CommandPipeline
 * </pre>
 */
public final class ImapConnector {
    /** Outbound bytes buffered before a channel reports itself unwritable; the relay reads the
     *  source only while the target is writable, so this bounds what a copy holds per pair. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private static final String TLS = "tls";
    private static final String CODEC = "codec";

    /** Idle time after which a connection sends NOOP. */
    static final Duration KEEP_ALIVE = Duration.ofMinutes(2);

    private final EventLoopGroup group;
    private final Transport transport;
    private final GlobalTrafficShapingHandler shaping;
    /** Where traced lines go instead of the trace logger; tests only. */
    private volatile Consumer<String> traceSink;
    /** Which host names count as this machine for {@link CleartextPolicy}; tests only. */
    private volatile Predicate<String> loopback = CleartextPolicy::isLoopback;

    public ImapConnector(EventLoopGroup group, Transport transport) {
        this(group, transport, null);
    }

    /**
     * @param shaping a bandwidth limit shared by every connection this connector opens (imapsync's
     *                --maxbytespersecond), or null. It delays writes and, past its queue limit, marks
     *                the channel unwritable, which is what pauses the relay's reading of the source.
     */
    public ImapConnector(EventLoopGroup group, Transport transport, GlobalTrafficShapingHandler shaping) {
        this.group = group;
        this.transport = transport;
        this.shaping = shaping;
    }

    /** Test hook: traced lines (label first) go to {@code sink} instead of the trace logger. */
    ImapConnector traceTo(Consumer<String> sink) {
        this.traceSink = sink;
        return this;
    }

    /** Test hook: decides which hosts count as loopback for the clear-text rule. */
    ImapConnector loopbackHosts(Predicate<String> isLoopback) {
        this.loopback = isLoopback;
        return this;
    }

    /** Connects on any loop of the group. */
    public ImapSession connect(Endpoint endpoint) {
        return connect(endpoint, group.next());
    }

    /**
     * Connects on the given event loop: the relay puts a source and its target on one loop, so
     * the bytes pass from one socket to the other without locks or hand-offs.
     */
    public ImapSession connect(Endpoint endpoint, EventLoop loop) {
        return connect(endpoint, loop, true);
    }

    /**
     * Connects, with TLS as the endpoint asks, and stops before logging in (imapsync's
     * --justconnect): the session then only knows the greeting and the capabilities.
     */
    public ImapSession connectWithoutLogin(Endpoint endpoint, EventLoop loop) {
        return connect(endpoint, loop, false);
    }

    private ImapSession connect(Endpoint endpoint, EventLoop loop, boolean login) {
        SslContext tls = tlsContext(endpoint);
        AtomicReference<ImapSession> session = new AtomicReference<>();
        CommandPipeline pipeline = new CommandPipeline(event -> ImapSession.onUnsolicited(session.get(), event));
        FirstBytes firstBytes = new FirstBytes();
        // Kept apart from the pipeline, which a connection closed early (a failed handshake) empties.
        AtomicReference<SslHandler> implicitTls = new AtomicReference<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, endpoint.timeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (shaping != null) {
                            ch.pipeline().addLast("shaping", shaping);
                        }
                        ch.pipeline().addLast(FirstBytes.NAME, firstBytes);
                        if (endpoint.security() == Endpoint.Security.TLS) {
                            SslHandler handler = TlsContexts.newHandler(tls, ch.alloc(), endpoint);
                            implicitTls.set(handler);
                            ch.pipeline().addLast(TLS, handler);
                        }
                        if (endpoint.trace()) {
                            Consumer<String> sink = traceSink;
                            ch.pipeline()
                                    .addLast(
                                            "trace",
                                            sink == null
                                                    ? ImapTraceHandler.toLog(endpoint.describe())
                                                    : new ImapTraceHandler(
                                                            line -> sink.accept(endpoint.describe() + " " + line)));
                        }
                        ch.pipeline().addLast(CODEC, new ImapClientCodec());
                        ch.pipeline()
                                .addLast(
                                        "keepalive",
                                        new IdleStateHandler(0, 0, KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS));
                        ch.pipeline().addLast("commands", pipeline);
                    }
                });
        ChannelFuture connected =
                bootstrap.connect(endpoint.host(), endpoint.port()).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw new ConnectionFailedException(describeConnectFailure(endpoint, connected.cause()), connected.cause());
        }
        Channel channel = connected.channel();
        ImapSession s = new ImapSession(channel, pipeline, endpoint.describe(), endpoint.timeout());
        s.tls(implicitTls.get());
        session.set(s);
        try {
            open(s, endpoint, tls, firstBytes, login);
            return s;
        } catch (ImapCommandException e) {
            channel.close();
            // A server that refuses CAPABILITY, ENABLE or COMPRESS cannot be used; that is the
            // user's connection failing, not an internal error.
            throw new ConnectionFailedException(endpoint.describe() + " cannot be used: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SslContext tlsContext(Endpoint endpoint) {
        if (endpoint.security() == Endpoint.Security.PLAIN) {
            return null;
        }
        try {
            return TlsContexts.clientContext(endpoint);
        } catch (TlsContexts.TlsSetupException e) {
            throw new TlsFailedException(TlsFailedException.Reason.HANDSHAKE, e.getMessage(), e);
        }
    }

    private void open(ImapSession s, Endpoint endpoint, SslContext tls, FirstBytes firstBytes, boolean login) {
        FirstBytes greetingBytes = firstBytes;
        if (endpoint.security() == Endpoint.Security.TLS) {
            // First: a failed handshake also fails the greeting, with a less useful error.
            awaitHandshake(s, endpoint, firstBytes);
            // In front of TLS the first bytes are ciphertext; the greeting is read after it.
            greetingBytes = new FirstBytes();
            replaceFirstBytes(s, greetingBytes);
        }
        UntaggedStatus greeting = awaitGreeting(s, endpoint, greetingBytes);
        replaceFirstBytes(s, null);
        if (greeting.status() == Status.BYE) {
            throw new ConnectionFailedException(
                    endpoint.describe() + " refused the connection: " + greeting.text(), null);
        }
        s.greeting(greeting.text());
        s.capabilities(capabilitiesOf(greeting.code()));
        boolean preauth = greeting.status() == Status.PREAUTH;
        if (preauth && endpoint.security() == Endpoint.Security.STARTTLS) {
            throw preauthWithoutTls(endpoint);
        }
        if (s.capabilities().names().isEmpty()) {
            refreshCapabilities(s);
        }
        // Under the default, a PREAUTH greeting that does not list capabilities costs one CAPABILITY
        // in clear text: only then is it known whether the user's "STARTTLS when offered" applied.
        boolean offered = s.has(Capability.STARTTLS);
        if (preauth && endpoint.security() == Endpoint.Security.STARTTLS_IF_OFFERED && offered) {
            throw preauthWithoutTls(endpoint);
        }
        if (endpoint.security() == Endpoint.Security.STARTTLS
                || (endpoint.security() == Endpoint.Security.STARTTLS_IF_OFFERED && offered)) {
            startTls(s, endpoint, tls);
        }
        if (!login) {
            return;
        }
        boolean encrypted = s.tls() != null;
        if (!preauth) {
            try {
                CleartextPolicy.checkCredentialsMayBeSent(endpoint, encrypted, loopback.test(endpoint.host()));
            } catch (CleartextPolicy.Refused e) {
                throw new AuthenticationFailedException(e.getMessage(), null);
            }
            Authenticator.authenticate(s, endpoint);
            if (s.capabilities().names().isEmpty()) {
                refreshCapabilities(s);
            }
        }
        SessionSetup.afterLogin(s, endpoint, transport.quickAck());
    }

    /**
     * RFC 3501 §6.2.1: STARTTLS is a command of the not-authenticated state, so after a PREAUTH
     * greeting it can no longer be sent, and the session would go on in clear text (RFC 9051
     * §11.1 asks clients that require TLS to close such a connection). With STARTTLS required
     * the connection is closed before any command is sent.
     */
    private static TlsFailedException preauthWithoutTls(Endpoint endpoint) {
        return new TlsFailedException(
                TlsFailedException.Reason.PREAUTH_WITHOUT_TLS,
                endpoint.host() + ":"
                        + endpoint.port()
                        + " greeted with PREAUTH on a connection without TLS, which leaves no way to start"
                        + " TLS (STARTTLS is only allowed before authentication), so the connection was closed."
                        + " Use --ssl1/--ssl2 for implicit TLS, or --notls1/--notls2 if a session in clear text"
                        + " is intended",
                null);
    }

    /** Removes the sniffer of first bytes, and puts {@code next} right after TLS when it is not null. */
    private static void replaceFirstBytes(ImapSession s, FirstBytes next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.eventLoop().execute(() -> {
            ChannelPipeline p = s.channel().pipeline();
            if (p.get(FirstBytes.NAME) != null) {
                p.remove(FirstBytes.NAME);
            }
            if (next != null) {
                p.addAfter(TLS, FirstBytes.NAME, next);
            }
            done.complete(null);
        });
        s.await(done, "the connection setup");
    }

    private static UntaggedStatus awaitGreeting(ImapSession s, Endpoint endpoint, FirstBytes firstBytes) {
        try {
            return s.await(s.pipeline().greeting(), "the greeting");
        } catch (ConnectionClosedException e) {
            String where = endpoint.host() + ":" + endpoint.port();
            String sent = firstBytes.seen();
            String message;
            if (sent.startsWith("*")
                    && !(e.getCause() instanceof TimeoutException)
                    && !s.channel().isActive()) {
                // An untagged response cut short: the connection dropped during the greeting, which
                // is worth another try, not the sign of a server that does not speak IMAP.
                throw new ConnectionClosedException(where + " closed the connection in the middle of its greeting", e);
            }
            if (!sent.isEmpty()) {
                message = where + " does not speak IMAP: it sent \"" + sent + "\" instead of an IMAP greeting";
            } else if (e.getCause() instanceof TimeoutException) {
                message = where + " sent no IMAP greeting within " + ImapSession.describe(endpoint.timeout())
                        + "; is it an IMAP server"
                        + (endpoint.security() == Endpoint.Security.TLS
                                ? "?"
                                : ", and is port " + endpoint.port() + " a TLS port (try --ssl1/--ssl2)?");
            } else {
                message = where + " closed the connection without an IMAP greeting";
            }
            throw new NoImapGreetingException(message, sent, e);
        }
    }

    private static Capabilities capabilitiesOf(ResponseCode code) {
        return code instanceof ResponseCode.CapabilityCode c ? c.capabilities() : Capabilities.NONE;
    }

    static void refreshCapabilities(ImapSession s) {
        CapabilityData data = s.run(ImapCommands.capability()).first(CapabilityData.class);
        if (data != null) {
            s.capabilities(data.capabilities());
        }
    }

    /**
     * STARTTLS with TLS started by a {@link StartTlsGuard} at the last byte of the tagged OK, so
     * no clear-text byte after it is taken as part of the session.
     */
    private void startTls(ImapSession s, Endpoint endpoint, SslContext tls) {
        if (!s.has(Capability.STARTTLS)) {
            throw new TlsFailedException(
                    TlsFailedException.Reason.STARTTLS_UNAVAILABLE,
                    endpoint.describe()
                            + " does not offer STARTTLS; use --ssl for implicit TLS, or --notls to connect without it",
                    null);
        }
        StartTls command = ImapCommands.startTls();
        CompletableFuture<TaggedResponse> answered = new CompletableFuture<>();
        AtomicLong tlsAdded = new AtomicLong();
        s.eventLoop().execute(() -> {
            CommandPipeline.Pending pending = s.pipeline().begin(command, ResponseHandler.NONE);
            pending.completion().whenComplete((ok, error) -> {
                if (error != null) {
                    answered.completeExceptionally(error);
                } else {
                    answered.complete(ok);
                }
            });
            if (pending.completion().isDone()) {
                return;
            }
            ChannelPipeline p = s.channel().pipeline();
            Runnable addTls = () -> {
                tlsAdded.set(System.nanoTime());
                SslHandler handler = TlsContexts.newHandler(tls, s.channel().alloc(), endpoint);
                s.tls(handler);
                if (p.get("shaping") != null) {
                    p.addAfter("shaping", TLS, handler);
                } else {
                    p.addFirst(TLS, handler);
                }
            };
            p.addBefore(
                    CODEC,
                    StartTlsGuard.NAME,
                    new StartTlsGuard(pending.tag(), addTls, endpoint.host() + ":" + endpoint.port()));
            s.channel().writeAndFlush(new TaggedCommand(pending.tag(), command));
        });
        try {
            s.await(answered, "STARTTLS");
        } catch (ImapCommandException e) {
            throw new TlsFailedException(
                    TlsFailedException.Reason.STARTTLS_UNAVAILABLE,
                    endpoint.describe() + " refused STARTTLS: " + e.serverText(),
                    e);
        } catch (ConnectionClosedException e) {
            if (e.getCause() instanceof TlsFailedException refused) {
                throw refused;
            }
            throw e;
        }
        long handshaken = awaitHandshake(s, endpoint, null);
        s.startTlsHandshake(Duration.ofNanos(Math.max(0, handshaken - tlsAdded.get())));
        // RFC 3501 §6.2.1: capabilities learned before TLS must be discarded.
        s.capabilities(Capabilities.NONE);
        refreshCapabilities(s);
    }

    /**
     * @param firstBytes what the server sent before the handshake, or null after STARTTLS
     * @return when the handshake ended, by {@link System#nanoTime()}
     */
    private static long awaitHandshake(ImapSession s, Endpoint endpoint, FirstBytes firstBytes) {
        SslHandler tls = s.tls();
        CompletableFuture<Long> done = new CompletableFuture<>();
        tls.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                done.complete(System.nanoTime());
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        try {
            return s.await(done, "the TLS handshake");
        } catch (ConnectionClosedException e) {
            throw TlsFailures.explain(
                    endpoint, e.getCause() == null ? e : e.getCause(), firstBytes == null ? "" : firstBytes.seen());
        }
    }

    private static String describeConnectFailure(Endpoint endpoint, Throwable cause) {
        String where = endpoint.host() + ":" + endpoint.port();
        if (cause instanceof UnknownHostException) {
            return "cannot connect to " + where + ": unknown host";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect to " + where + ": " + cause.getMessage();
        }
        return "cannot connect to " + where + ": " + cause;
    }
}
