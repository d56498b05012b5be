package org.imapferry.engine.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import org.imapferry.engine.connection.ConnectionFailedException;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.TlsContexts;
import org.imapferry.engine.connection.TlsFailedException;
import org.imapferry.engine.connection.TlsFailures;
import org.imapferry.engine.connection.Transport;

/**
 * Times the TCP connection alone and, for implicit TLS, the handshake alone, on a connection of
 * its own that sends no IMAP at all and is closed at once: a session's open time mixes both with
 * the greeting and the capabilities.
 */
final class ConnectTimer {
    /** The TCP connect time, and the handshake time when the endpoint is implicit TLS (else null). */
    record Times(Duration connect, Duration handshake) {}

    private ConnectTimer() {}

    static Times measure(EventLoopGroup group, Transport transport, Endpoint endpoint) {
        boolean tls = endpoint.security() == Endpoint.Security.TLS;
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, endpoint.timeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls) {
                            ch.pipeline()
                                    .addLast(TlsContexts.newHandler(
                                            TlsContexts.clientContext(endpoint), ch.alloc(), endpoint));
                        }
                    }
                });
        long begin = System.nanoTime();
        ChannelFuture connected =
                bootstrap.connect(endpoint.host(), endpoint.port()).awaitUninterruptibly();
        Duration connect = Duration.ofNanos(System.nanoTime() - begin);
        if (!connected.isSuccess()) {
            throw new ConnectionFailedException(
                    "cannot connect to " + endpoint.host() + ":" + endpoint.port() + ": "
                            + connected.cause().getMessage(),
                    connected.cause());
        }
        Channel channel = connected.channel();
        try {
            if (!tls) {
                return new Times(connect, null);
            }
            SslHandler handler = channel.pipeline().get(SslHandler.class);
            boolean finished = handler.handshakeFuture()
                    .awaitUninterruptibly(endpoint.timeout().toMillis());
            if (!finished || !handler.handshakeFuture().isSuccess()) {
                throw finished
                        ? TlsFailures.explain(
                                endpoint, handler.handshakeFuture().cause(), "")
                        : new TlsFailedException(
                                TlsFailedException.Reason.HANDSHAKE,
                                "TLS handshake with " + endpoint.host() + ":" + endpoint.port() + " took longer than "
                                        + endpoint.timeout(),
                                null);
            }
            return new Times(
                    connect, Duration.ofNanos(System.nanoTime() - begin).minus(connect));
        } finally {
            channel.close().awaitUninterruptibly(endpoint.timeout().toMillis());
        }
    }
}
