package org.imapferry.engine.connection;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.imapferry.protocol.ImapClientCodec;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.response.CapabilityData;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in IMAP connection. Commands may be sent from any thread and are pipelined: each
 * {@link #submit} returns at once, and many may be in flight. {@link #run} is the blocking form
 * for control flow (SELECT, LIST). The streaming relay works on the event loop directly through
 * {@link #pipeline()} and {@link #channel()}.
 */
public final class ImapSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);

    private final Channel channel;
    private final CommandPipeline pipeline;
    private final String name;
    private final Duration timeout;
    private volatile Capabilities capabilities = Capabilities.NONE;
    private volatile String greeting = "";
    private volatile Duration startTlsHandshake;
    private volatile SslHandler tls;

    ImapSession(Channel channel, CommandPipeline pipeline, String name, Duration timeout) {
        this.channel = channel;
        this.pipeline = pipeline;
        this.name = name;
        this.timeout = timeout;
    }

    /** Untagged data no command took: capability updates and alerts are kept, chunks released. */
    static void onUnsolicited(ImapSession session, Object event) {
        if (event instanceof CapabilityData data && session != null) {
            session.capabilities(data.capabilities());
        } else if (event instanceof UntaggedStatus status && status.code() instanceof ResponseCode.Alert) {
            LOG.warn("{} says: {}", session == null ? "server" : session.name, status.text());
        }
        ReferenceCountUtil.release(event);
    }

    public Channel channel() {
        return channel;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public CommandPipeline pipeline() {
        return pipeline;
    }

    /** "user@host:port": how errors name this connection. */
    public String name() {
        return name;
    }

    /** The text of the server's greeting ("Dovecot ready."), as imapsync shows it as the banner. */
    public String greeting() {
        return greeting;
    }

    void greeting(String text) {
        this.greeting = text == null ? "" : text;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    /**
     * How long the TLS handshake after STARTTLS took, from the tagged OK to the handshake's end;
     * null when the session did not start TLS that way.
     */
    public Duration startTlsHandshake() {
        return startTlsHandshake;
    }

    void startTlsHandshake(Duration took) {
        this.startTlsHandshake = took;
    }

    /** The TLS handler of the connection, or null while it is in the clear. */
    SslHandler tls() {
        return tls;
    }

    void tls(SslHandler handler) {
        this.tls = handler;
    }

    public boolean has(Capability capability) {
        return capabilities.has(capability);
    }

    /**
     * Records what the server offers; the encoder learns it too, since whether a literal may be
     * sent without waiting (LITERAL+, LITERAL-) depends on it. Hopping onto the event loop keeps
     * the change ordered before any command submitted after it.
     */
    void capabilities(Capabilities capabilities) {
        this.capabilities = capabilities;
        ImapClientCodec codec = channel.pipeline().get(ImapClientCodec.class);
        if (codec != null) {
            eventLoop().execute(() -> codec.setLiteralCapabilities(capabilities));
        }
    }

    /** Sends a command; its untagged answer is collected into the result. */
    public CompletableFuture<CommandResult> submit(ImapCommand command) {
        List<ImapResponse> collected = new ArrayList<>();
        return submit(command, collected::add).thenApply(ok -> new CommandResult(ok, collected));
    }

    /**
     * Sends a command and hands each untagged answer that belongs to it to {@code each}, on the
     * event loop as it arrives, instead of keeping them all: for answers too many to hold at once,
     * as a huge folder's metadata FETCH.
     */
    public CompletableFuture<TaggedResponse> submit(ImapCommand command, Consumer<ImapResponse> each) {
        CompletableFuture<TaggedResponse> result = new CompletableFuture<>();
        eventLoop().execute(() -> {
            CommandPipeline.Pending pending = pipeline.begin(command, new CollectingHandler(command, each));
            if (!pending.completion().isDone()) {
                channel.writeAndFlush(new TaggedCommand(pending.tag(), command)).addListener(f -> {
                    if (!f.isSuccess()) {
                        channel.pipeline().fireExceptionCaught(f.cause());
                    }
                });
            }
            pending.completion().whenComplete((ok, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(ok);
                }
            });
        });
        return result;
    }

    /** Sends a command and waits for it; NO and BAD come back as {@link ImapCommandException}. */
    public CommandResult run(ImapCommand command) {
        return await(submit(command), command.name());
    }

    /** Waits for a future of this session within the command timeout, unwrapping its failure. */
    public <T> T await(CompletableFuture<T> future, String what) {
        try {
            // The timeout is for silence, not for the whole answer: a FETCH of a big folder may
            // stream for longer than any timeout, and must not be cut while data still arrives.
            while (true) {
                try {
                    return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - pipeline.lastReadNanos() >= timeout.toNanos()) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ConnectionClosedException(name + ": " + what + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            // Closed before the caller hears of it: a caller that then asks isOpen() to decide
            // whether to reconnect must not be told yes by a close still on its way.
            channel.close().awaitUninterruptibly();
            throw new ConnectionClosedException(
                    name + ": no answer to " + what + " within " + describe(timeout) + "; the connection was closed",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new ConnectionClosedException(name + ": interrupted while waiting for " + what, e);
        }
    }

    /** "120 s", or "700 ms" when the timeout is not a whole number of seconds. */
    static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /**
     * The text of the BYE the server ended the session with, or null: a server that said why it
     * closed, which the connection's failure may not carry when the close was seen first.
     */
    public String byeText() {
        return pipeline.byeText();
    }

    public boolean isOpen() {
        return channel.isActive() && !pipeline.isFailed();
    }

    /** LOGOUT, then close; a server that does not answer in time is simply disconnected. */
    @Override
    public void close() {
        if (isOpen()) {
            try {
                submit(ImapCommands.logout()).get(Math.min(timeout.toMillis(), 5000), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.debug("{}: LOGOUT not answered cleanly: {}", name, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channel.close().awaitUninterruptibly(timeout.toMillis());
    }

    @Override
    public String toString() {
        return name;
    }
}
