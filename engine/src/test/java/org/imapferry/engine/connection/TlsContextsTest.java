package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.imapferry.engine.testserver.TestCertificates;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
    private static EventLoopGroup group;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Endpoint endpoint(String host, int port, Path trustFile, boolean verify) {
        return new Endpoint(
                host,
                port,
                Endpoint.Security.TLS,
                "alice",
                Secret.of("tls-setup-pw"),
                null,
                null,
                null,
                trustFile,
                verify,
                false,
                null,
                Duration.ofSeconds(5),
                false);
    }

    /** Runs a TLS server with the certificate and reports how the client's handshake ended. */
    private Throwable handshake(TestCertificates server, Endpoint endpoint) throws Exception {
        SslContext serverContext = SslContextBuilder.forServer(server.serverKey(), server.serverCertificate())
                .build();
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(serverContext.newHandler(ch.alloc()), new QuietClose());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
        try {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            Endpoint target = new Endpoint(
                    endpoint.host(),
                    port,
                    endpoint.security(),
                    endpoint.user(),
                    endpoint.password(),
                    null,
                    null,
                    null,
                    endpoint.trustFile(),
                    endpoint.verifyCertificates(),
                    false,
                    null,
                    endpoint.timeout(),
                    false);
            SslContext clientContext = TlsContexts.clientContext(target);
            Channel client = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(
                                            TlsContexts.newHandler(clientContext, ch.alloc(), target),
                                            new QuietClose());
                        }
                    })
                    .connect("127.0.0.1", port)
                    .sync()
                    .channel();
            Future<Channel> done = client.pipeline().get(SslHandler.class).handshakeFuture();
            assertTrue(done.await(10, TimeUnit.SECONDS), "handshake did not finish");
            client.close().sync();
            return done.cause();
        } finally {
            listener.close().sync();
        }
    }

    /** The handshake outcome is read from the future; the failure need not reach the pipeline's tail. */
    private static final class QuietClose extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Test
    void trustFileCaIsAcceptedForMatchingHost() throws Exception {
        TestCertificates certs = TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES);
        assertEquals(null, handshake(certs, endpoint("127.0.0.1", 1, certs.caFile(), true)));
        assertEquals(null, handshake(certs, endpoint("localhost", 1, certs.caFile(), true)));
    }

    @Test
    void unknownCaIsRefusedByTheSystemStore() throws Exception {
        TestCertificates certs = TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES);
        Throwable cause = handshake(certs, endpoint("127.0.0.1", 1, null, true));
        assertTrue(cause instanceof SSLHandshakeException, String.valueOf(cause));
    }

    @Test
    void hostNameIsVerified() throws Exception {
        // Trusted CA, but the certificate names another host: only host name verification catches it.
        TestCertificates certs = TestCertificates.signedByCa(dir, List.of("imap.example.org"));
        Throwable cause = handshake(certs, endpoint("127.0.0.1", 1, certs.caFile(), true));
        assertTrue(cause instanceof SSLHandshakeException, String.valueOf(cause));
        assertTrue(String.valueOf(cause.getMessage()).contains("127.0.0.1"), cause.getMessage());
    }

    @Test
    void selfSignedServerCertificateInTrustFileIsAccepted() throws Exception {
        TestCertificates certs = TestCertificates.selfSigned(dir, TestCertificates.LOOPBACK_NAMES);
        assertEquals(null, handshake(certs, endpoint("127.0.0.1", 1, certs.certFile(), true)));
        assertTrue(handshake(certs, endpoint("127.0.0.1", 1, null, true)) instanceof SSLHandshakeException);
    }

    @Test
    void verificationOffAcceptsAnything() throws Exception {
        TestCertificates certs = TestCertificates.selfSigned(dir, List.of("imap.example.org"));
        assertEquals(null, handshake(certs, endpoint("127.0.0.1", 1, null, false)));
    }

    @Test
    void badTrustFilesAreNamedWithTheProblem() throws IOException {
        Path missing = dir.resolve("missing.pem");
        assertMessage(missing, missing + " does not exist");

        Path garbage = dir.resolve("garbage.pem");
        Files.write(garbage, new byte[] {0, 1, 2, (byte) 0xff, 10, 13});
        assertMessage(garbage, garbage + " contains no certificate");

        Path damaged = dir.resolve("damaged.pem");
        Files.writeString(damaged, "-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n");
        assertMessage(damaged, damaged + " cannot be read as PEM certificates");

        Path keyOnly = TestCertificates.selfSigned(dir.resolve("k"), TestCertificates.LOOPBACK_NAMES)
                .keyFile();
        assertMessage(keyOnly, keyOnly + " contains no certificate");
    }

    private static void assertMessage(Path file, String expected) {
        TlsContexts.TlsSetupException e = assertThrows(
                TlsContexts.TlsSetupException.class,
                () -> TlsContexts.clientContext(endpoint("127.0.0.1", 993, file, true)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        Secrets.assertAbsent("the setup error", e.getMessage(), "alice", "tls-setup-pw");
    }
}
