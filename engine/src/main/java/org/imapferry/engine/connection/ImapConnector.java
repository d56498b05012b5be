package org.imapferry.engine.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import io.netty.handler.ssl.SslHandler;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.imapferry.protocol.ImapClientCodec;
import org.imapferry.protocol.command.Capability;
import org.imapferry.protocol.command.StartTls;
import org.imapferry.protocol.response.CapabilityData;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.ResponseCode;

/**
 * Turns an {@link Endpoint} into a ready {@link ImapSession}: connect, TLS (implicit or
 * STARTTLS), capabilities, authentication, then the extensions the engine uses.
 *
 * <pre>
 * socket ─ [SslHandler] ─ [trace] ─ ImapClientCodec ─ CommandPipeline
 * </pre>
 */
public final class ImapConnector {
    /** Outbound bytes buffered before a channel reports itself unwritable; the relay reads the
     *  source only while the target is writable, so this bounds what a copy holds per pair. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

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
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, endpoint.timeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (shaping != null) {
                            ch.pipeline().addLast("shaping", shaping);
                        }
                        if (endpoint.security() == Endpoint.Security.TLS) {
                            ch.pipeline().addLast("tls", TlsContexts.newHandler(tls, ch.alloc(), endpoint));
                        }
                        if (endpoint.trace()) {
                            Consumer<String> sink = traceSink;
                            ch.pipeline().addLast("trace", sink == null ? ImapTraceHandler.toLog(endpoint.describe())
                                    : new ImapTraceHandler(line -> sink.accept(endpoint.describe() + " " + line)));
                        }
                        ch.pipeline().addLast("codec", new ImapClientCodec());
                        ch.pipeline().addLast("keepalive", new IdleStateHandler(0, 0, KEEP_ALIVE.toSeconds(),
                                TimeUnit.SECONDS));
                        ch.pipeline().addLast("commands", pipeline);
                    }
                });
        ChannelFuture connected = bootstrap.connect(endpoint.host(), endpoint.port()).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw new ConnectionFailedException(describeConnectFailure(endpoint, connected.cause()), connected.cause());
        }
        Channel channel = connected.channel();
        ImapSession s = new ImapSession(channel, pipeline, endpoint.describe(), endpoint.timeout());
        session.set(s);
        try {
            open(s, endpoint, tls, login);
            return s;
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
            throw new TlsFailedException(e.getMessage(), e);
        }
    }

    private void open(ImapSession s, Endpoint endpoint, SslContext tls, boolean login) {
        if (endpoint.security() == Endpoint.Security.TLS) {
            // First: a failed handshake also fails the greeting, with a less useful error.
            awaitHandshake(s, endpoint);
        }
        UntaggedStatus greeting = s.await(s.pipeline().greeting(), "the greeting");
        if (greeting.status() == Status.BYE) {
            throw new ConnectionFailedException(endpoint.describe() + " refused the connection: " + greeting.text(), null);
        }
        s.greeting(greeting.text());
        s.capabilities(capabilitiesOf(greeting.code()));
        if (s.capabilities().names().isEmpty()) {
            refreshCapabilities(s);
        }
        boolean starttls = endpoint.security() == Endpoint.Security.STARTTLS
                || (endpoint.security() == Endpoint.Security.STARTTLS_IF_OFFERED
                    && s.has(org.imapferry.protocol.types.Capability.STARTTLS));
        if (starttls && greeting.status() != Status.PREAUTH) {
            startTls(s, endpoint, tls);
        }
        if (!login) {
            return;
        }
        boolean encrypted = s.channel().pipeline().get(SslHandler.class) != null;
        if (greeting.status() != Status.PREAUTH) {
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
        SessionSetup.afterLogin(s, endpoint);
    }

    private static Capabilities capabilitiesOf(ResponseCode code) {
        return code instanceof ResponseCode.CapabilityCode c ? c.capabilities() : Capabilities.NONE;
    }

    static void refreshCapabilities(ImapSession s) {
        CapabilityData data = s.run(new Capability()).first(CapabilityData.class);
        if (data != null) {
            s.capabilities(data.capabilities());
        }
    }

    private void startTls(ImapSession s, Endpoint endpoint, SslContext tls) {
        if (!s.has(org.imapferry.protocol.types.Capability.STARTTLS)) {
            throw new ConnectionFailedException(endpoint.describe() + " does not offer STARTTLS; use --ssl for"
                    + " implicit TLS, or --notls to connect without it", null);
        }
        s.run(new StartTls());
        CompletableFuture<Void> added = new CompletableFuture<>();
        s.eventLoop().execute(() -> {
            s.channel().pipeline().addFirst("tls", TlsContexts.newHandler(tls, s.channel().alloc(), endpoint));
            added.complete(null);
        });
        s.await(added, "STARTTLS");
        awaitHandshake(s, endpoint);
        // RFC 3501 §6.2.1: capabilities learned before TLS must be discarded.
        s.capabilities(Capabilities.NONE);
        refreshCapabilities(s);
    }

    private static void awaitHandshake(ImapSession s, Endpoint endpoint) {
        SslHandler tls = s.channel().pipeline().get(SslHandler.class);
        CompletableFuture<Void> done = new CompletableFuture<>();
        tls.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        try {
            s.await(done, "the TLS handshake");
        } catch (ConnectionClosedException e) {
            throw new TlsFailedException(explainTls(endpoint, e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /**
     * The handshake's failure in words a user can act on, with the opt-out named when the
     * certificate was the problem. The JDK's words are in the SSLException ("PKIX path building
     * failed: ... unable to find valid certification path"); the root cause alone loses "PKIX".
     */
    private static String explainTls(Endpoint endpoint, Throwable cause) {
        Throwable root = cause;
        Throwable ssl = null;
        boolean certificate = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (ssl == null && t instanceof javax.net.ssl.SSLException) {
                ssl = t;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            certificate |= t instanceof java.security.cert.CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException
                    || message.contains("PKIX") || message.contains("certificate")
                    || message.contains("No subject alternative");
        }
        Throwable shown = ssl != null && ssl.getMessage() != null ? ssl : root;
        String why = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        String hint = certificate
                ? "; the server's certificate is not trusted: trust its CA with --sslcafile1/--sslcafile2 PEM,"
                        + " or turn verification off explicitly with --insecure1/--insecure2"
                : "";
        return "TLS handshake with " + endpoint.host() + ":" + endpoint.port() + " failed: " + why + hint;
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
