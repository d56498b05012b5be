package org.imapferry.engine.connection;

import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One event loop and a connector on it whose IMAP trace is kept in memory. A test class holds it
 * as {@code @RegisterExtension static final Connectors connectors = new Connectors();}: the trace
 * is cleared before each test and the loop shut down after the class.
 */
final class Connectors implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    private final EventLoopGroup group = Transport.best().newGroup(1);
    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final ImapConnector connector = new ImapConnector(group, Transport.best()).traceTo(trace::add);

    EventLoopGroup group() {
        return group;
    }

    ImapConnector connector() {
        return connector;
    }

    ImapSession connect(TestEndpoint endpoint) {
        return connector.connect(endpoint.build());
    }

    /** The traced lines so far (only of endpoints with trace on), each "user@host:port C: ..." or "... S: ...". */
    List<String> trace() {
        return List.copyOf(trace);
    }

    void clearTrace() {
        trace.clear();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clearTrace();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
