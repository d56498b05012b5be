package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.imapferry.protocol.ImapClientCodec;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.ImapCommand;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.response.ContinuationRequest;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline at the channel level, behind the real codec in an {@link EmbeddedChannel}: what it
 * writes, in which order, and how it matches what the server sends back to the commands in flight.
 */
class CommandPipelineTest {
    private final List<Object> unsolicited = new ArrayList<>();
    private final CommandPipeline pipeline = new CommandPipeline(event -> {
        unsolicited.add(event);
        ReferenceCountUtil.release(event);
    });
    private final EmbeddedChannel channel = new EmbeddedChannel(new ImapClientCodec(), pipeline);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void receive(String... lines) {
        for (String line : lines) {
            channel.writeInbound(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.ISO_8859_1));
        }
    }

    /** Everything written to the server so far, as text. */
    private String written() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    private CommandPipeline.Pending send(ImapCommand command, ResponseHandler handler) {
        CommandPipeline.Pending pending = pipeline.begin(command, handler);
        channel.writeAndFlush(new TaggedCommand(pending.tag(), pending.command()));
        return pending;
    }

    private static Append append(long length, LiteralMode mode) {
        return new Append(MailboxName.of("INBOX"), new AppendMessage(List.of(), null, length, false, mode));
    }

    @Test
    void tagsGoInOrderAndAnswersAreMatchedByTagInAnyOrder() throws Exception {
        receive("* OK [CAPABILITY IMAP4rev1] ready");
        assertEquals("ready", pipeline.greeting().get().text());
        CommandPipeline.Pending first = send(new Noop(), ResponseHandler.NONE);
        CommandPipeline.Pending second = send(new Noop(), ResponseHandler.NONE);
        assertEquals("A1 NOOP\r\nA2 NOOP\r\n", written());
        receive("A2 OK second", "A1 OK first");
        assertEquals("first", first.completion().get().text());
        assertEquals("second", second.completion().get().text());
        assertEquals(0, pipeline.inFlight());
    }

    @Test
    void noAndBadFailTheCommandWithTheServersCodeAndWords() {
        receive("* OK ready");
        CommandPipeline.Pending refused = send(new Noop(), ResponseHandler.NONE);
        receive("A1 NO [OVERQUOTA] Quota exceeded");
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> refused.completion().get());
        ImapCommandException no = assertInstanceOf(ImapCommandException.class, e.getCause());
        assertTrue(no.hasCode(ResponseCode.OverQuota.class));
        assertEquals("Quota exceeded", no.serverText());
        assertEquals("NOOP failed: NO [OVERQUOTA] Quota exceeded", no.getMessage());
        assertFalse(no.isBad());
    }

    @Test
    void untaggedDataGoesToTheOldestCommandThatTakesItElseToTheSession() {
        receive("* OK ready");
        List<Object> taken = new ArrayList<>();
        send(new Noop(), event -> false);
        send(new Noop(), event -> event instanceof ExistsData && taken.add(event));
        receive("* 3 EXISTS", "* 2 RECENT");
        assertEquals(1, taken.size());
        assertEquals(3, ((ExistsData) taken.get(0)).count());
        assertEquals(1, unsolicited.size(), unsolicited::toString);
    }

    @Test
    void continuationRequestsAreServedFirstInFirstOut() {
        receive("* OK ready");
        List<String> served = new ArrayList<>();
        pipeline.onContinuation(request -> served.add("first " + request.text()));
        pipeline.onContinuation(request -> served.add("second " + request.text()));
        receive("+ one", "+ two", "+ three");
        assertEquals(List.of("first one", "second two"), served);
        assertInstanceOf(ContinuationRequest.class, unsolicited.get(0), "a third goes to the session");
    }

    @Test
    void aCommandWrittenWhileAnAppendIsOpenWaitsForItsEnd() throws Exception {
        receive("* OK ready");
        CommandPipeline.Pending append = pipeline.begin(append(5, LiteralMode.NON_SYNCHRONIZING), ResponseHandler.NONE);
        channel.write(new TaggedCommand(append.tag(), append.command()));
        CommandPipeline.Pending noop = send(new Noop(), ResponseHandler.NONE);
        channel.writeAndFlush(new LastLiteralChunk(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)));
        assertEquals("A1 APPEND INBOX {5+}\r\nhello", written(), "the NOOP must not land inside the literal");
        channel.writeAndFlush(new AppendEnd());
        assertEquals("\r\nA2 NOOP\r\n", written());
        receive("A1 OK appended", "A2 OK noop");
        assertEquals("appended", append.completion().get().text());
        assertEquals("noop", noop.completion().get().text());
    }

    @Test
    void aSynchronizingLiteralRefusedBeforeItsContinuationLetsWaitingCommandsGo() {
        receive("* OK ready");
        CommandPipeline.Pending append = pipeline.begin(append(5, LiteralMode.SYNCHRONIZING), ResponseHandler.NONE);
        channel.writeAndFlush(new TaggedCommand(append.tag(), append.command()));
        send(new Noop(), ResponseHandler.NONE);
        assertEquals("A1 APPEND INBOX {5}\r\n", written());
        receive("A1 NO [LIMIT] too big");
        assertTrue(append.completion().isCompletedExceptionally());
        assertEquals("A2 NOOP\r\n", written(), "the refused literal is over; the held NOOP follows");
    }

    @Test
    void aClosedConnectionFailsEveryCommandWithTheServersByeAndTellsTheirHandlers() {
        receive("* OK ready");
        List<Object> told = new ArrayList<>();
        CommandPipeline.Pending pending = send(new Noop(), event -> {
            told.add(event);
            return false;
        });
        CommandPipeline.Pending append = pipeline.begin(append(5, LiteralMode.NON_SYNCHRONIZING), ResponseHandler.NONE);
        channel.writeAndFlush(new TaggedCommand(append.tag(), append.command()));
        ChannelFuture held = channel.writeAndFlush(new TaggedCommand(
                pipeline.begin(new Noop(), ResponseHandler.NONE).tag(), new Noop()));
        receive("* BYE shutting down");
        channel.close();
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> pending.completion().get());
        ConnectionClosedException closed = assertInstanceOf(ConnectionClosedException.class, e.getCause());
        assertEquals("the server closed the connection: BYE shutting down", closed.getMessage());
        assertTrue(append.completion().isCompletedExceptionally());
        assertTrue(told.stream().anyMatch(ConnectionClosedException.class::isInstance), told::toString);
        assertFalse(held.isSuccess(), "a write held behind the open APPEND is failed, not lost");
        assertTrue(pipeline.isFailed());
        CommandPipeline.Pending late = pipeline.begin(new Noop(), ResponseHandler.NONE);
        assertTrue(late.completion().isCompletedExceptionally(), "a command after the end fails at once");
    }

    @Test
    void anIdleConnectionGetsANoopAndABusyOneDoesNot() {
        receive("* OK ready");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertEquals("A1 NOOP\r\n", written());
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertNull(channel.readOutbound(), "the keep-alive NOOP is still in flight");
        receive("A1 OK");
        assertEquals(0, pipeline.inFlight());
    }
}
