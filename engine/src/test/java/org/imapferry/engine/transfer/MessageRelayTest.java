package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.LocalSessions;
import org.imapferry.engine.connection.LocalSessions.ServerEnd;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.engine.transfer.MessageRelay.Phase;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay at the channel level: two sessions over the local transport on one event loop, the
 * servers played by hand. The source's FETCH answer goes in as bytes (the real decoder makes
 * the body section starts and chunks of it), the exact APPEND bytes the target gets are
 * checked, and the target's answers decide the {@link MessageRelay.Result}. Every buffer must
 * be released on every path: the class's leak check fails the class otherwise.
 */
class MessageRelayTest {
    private static final String LITERAL_PLUS = "IMAP4rev1 LITERAL+ UIDPLUS";

    private final LocalSessions sessions = new LocalSessions();
    private final ServerEnd src = new ServerEnd();
    private final ServerEnd dst = new ServerEnd();
    private final StopSignal stop = new StopSignal();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private ImapSession source;
    private ImapSession target;

    @AfterEach
    void close() {
        sessions.close();
    }

    private static String body(int i) {
        return "Message-ID: <m" + i + "@x>\r\nSubject: number " + i + "\r\n\r\nbody of message " + i + "\r\n";
    }

    private static final int LENGTH = body(1).length();

    private static List<MessageMeta> messages(int count) {
        List<MessageMeta> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(new MessageMeta(i, i, List.of(), null, LENGTH, MessageKey.ofText("<m" + i + "@x>", true)));
        }
        return list;
    }

    /** The source's untagged answer for one message: its body section, whole. */
    private static String fetched(int i) {
        return "* " + i + " FETCH (UID " + i + " BODY[] {" + LENGTH + "}\r\n" + body(i) + ")\r\n";
    }

    private void connect(String targetCapabilities) throws InterruptedException {
        source = sessions.connect("src", Capabilities.of(List.of("IMAP4rev1")), src);
        target = sessions.connect("dst", Capabilities.of(List.of(targetCapabilities.split(" "))), dst);
    }

    private MessageRelay relay(AppendStyle style, int count) {
        MessageRelay.Context context = new MessageRelay.Context(
                source,
                target,
                MailboxName.of("INBOX"),
                flags -> flags,
                false,
                new TransferWindow(256, 1 << 20),
                RateGovernor.UNLIMITED,
                stop,
                new MessageRelay.Progress() {
                    @Override
                    public void copied(MessageMeta message, long bytes) {
                        progress.add("copied " + message.uid() + " " + bytes);
                    }

                    @Override
                    public void failed(MessageMeta message, String reason) {
                        progress.add("failed " + message.uid() + ": " + reason);
                    }
                });
        return new MessageRelay(context, style, messages(count));
    }

    private static MessageRelay.Result result(CompletableFuture<MessageRelay.Result> done) throws Exception {
        return done.get(5, TimeUnit.SECONDS);
    }

    private static String append(int tag, int i) {
        return "A" + tag + " APPEND INBOX {" + LENGTH + "+}\r\n" + body(i) + "\r\n";
    }

    private static void send(ServerEnd server, String text) {
        server.sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** What the client wrote, once it is as long as expected: compared whole by the caller. */
    private static String awaitLength(ServerEnd server, String expected) {
        return server.await(s -> s.length() >= expected.length());
    }

    /** Waits until the session's pipeline has seen its connection end (the close future comes first). */
    private static void awaitFailed(ImapSession session) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (session.eventLoop().submit(() -> session.pipeline().isFailed()).get()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(session + " never learned that its connection ended");
    }

    @Test
    void phasesChangeOnlyAsTheDiagramSays() {
        Map<Phase, Set<Phase>> allowed = new EnumMap<>(Phase.class);
        allowed.put(
                Phase.BETWEEN_MESSAGES,
                EnumSet.of(Phase.COPYING, Phase.AWAITING_CONTINUATION, Phase.SKIPPING, Phase.ABORTED));
        allowed.put(Phase.AWAITING_CONTINUATION, EnumSet.of(Phase.COPYING, Phase.SKIPPING, Phase.ABORTED));
        allowed.put(Phase.COPYING, EnumSet.of(Phase.BETWEEN_MESSAGES, Phase.ABORTED));
        allowed.put(Phase.SKIPPING, EnumSet.of(Phase.BETWEEN_MESSAGES, Phase.ABORTED));
        allowed.put(Phase.ABORTED, EnumSet.noneOf(Phase.class));
        for (Phase from : Phase.values()) {
            for (Phase to : Phase.values()) {
                assertEquals(allowed.get(from).contains(to), from.canBecome(to), from + " -> " + to);
            }
        }
    }

    @Test
    void eachMessageBecomesAnAppendOfTheSameBytes() throws Exception {
        connect(LITERAL_PLUS);
        MessageRelay relay = relay(AppendStyle.SINGLE, 3);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.equals("A1 UID FETCH 1:3 BODY.PEEK[]\r\n"));
        send(src, fetched(1) + fetched(2) + fetched(3) + "A1 OK fetched\r\n");
        String expected = append(1, 1) + append(2, 2) + append(3, 3);
        assertEquals(expected, awaitLength(dst, expected));
        dst.send("A1 OK [APPENDUID 7 11] done", "A3 OK [APPENDUID 7 13] done", "A2 OK [APPENDUID 7 12] done");
        MessageRelay.Result result = result(done);
        assertEquals(Map.of(1L, 11L, 2L, 12L, 3L, 13L), result.copied);
        assertEquals(3L * LENGTH, result.bytesCopied);
        assertTrue(result.failed.isEmpty(), result.failed::toString);
        assertFalse(result.cutShort());
        assertEquals(3, progress.size(), progress::toString);
        assertEquals(expected, dst.received(), "nothing more is written");
    }

    @Test
    void withMultiappendOneFetchBatchIsOneAppendCommand() throws Exception {
        connect(LITERAL_PLUS + " MULTIAPPEND");
        MessageRelay relay = relay(AppendStyle.BATCHED, 3);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        send(src, fetched(1) + fetched(2) + fetched(3));
        String open = "A1 APPEND INBOX {" + LENGTH + "+}\r\n" + body(1) + " {" + LENGTH + "+}\r\n" + body(2) + " {"
                + LENGTH + "+}\r\n" + body(3);
        assertEquals(open, awaitLength(dst, open));
        // The command ends with the FETCH that fed it: until then another message could follow.
        send(src, "A1 OK fetched\r\n");
        assertEquals(open + "\r\n", awaitLength(dst, open + "\r\n"));
        dst.send("A1 OK [APPENDUID 7 21:23] done");
        MessageRelay.Result result = result(done);
        assertEquals(Map.of(1L, 21L, 2L, 22L, 3L, 23L), result.copied);
        assertTrue(result.failed.isEmpty());
    }

    @Test
    void aSynchronizingLiteralWaitsForTheContinuation() throws Exception {
        connect("IMAP4rev1 UIDPLUS");
        MessageRelay relay = relay(AppendStyle.SINGLE, 2);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        send(src, fetched(1) + fetched(2) + "A1 OK fetched\r\n");
        String header = "A1 APPEND INBOX {" + LENGTH + "}\r\n";
        assertEquals(header, awaitLength(dst, header));
        Thread.sleep(100);
        assertEquals(header, dst.received(), "no byte of the literal before the server's \"+\"");
        dst.send("+ go ahead");
        String first = header + body(1) + "\r\n" + "A2 APPEND INBOX {" + LENGTH + "}\r\n";
        assertEquals(first, awaitLength(dst, first));
        dst.send("+ go ahead");
        String both = first + body(2) + "\r\n";
        assertEquals(both, awaitLength(dst, both));
        dst.send("A1 OK [APPENDUID 7 1] done", "A2 OK [APPENDUID 7 2] done");
        MessageRelay.Result result = result(done);
        assertEquals(Map.of(1L, 1L, 2L, 2L), result.copied);
    }

    @Test
    void aRefusedSynchronizingLiteralIsNeverSentAndTheNextMessageGoesOn() throws Exception {
        connect("IMAP4rev1 UIDPLUS");
        MessageRelay relay = relay(AppendStyle.SINGLE, 2);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        send(src, fetched(1) + fetched(2) + "A1 OK fetched\r\n");
        dst.await(s -> s.endsWith("}\r\n"));
        dst.send("A1 NO [LIMIT] Message too large for this mailbox");
        String expected = "A1 APPEND INBOX {" + LENGTH + "}\r\nA2 APPEND INBOX {" + LENGTH + "}\r\n";
        assertEquals(expected, awaitLength(dst, expected));
        dst.send("+ go ahead");
        assertEquals(expected + body(2) + "\r\n", awaitLength(dst, expected + body(2) + "\r\n"));
        dst.send("A2 OK [APPENDUID 7 5] done");
        MessageRelay.Result result = result(done);
        assertEquals(Map.of(2L, 5L), result.copied);
        Failure refused = result.failed.get(1L);
        assertEquals(Failure.Kind.TOO_BIG, refused.kind());
        assertEquals(new ResponseCode.Limit(), refused.code());
        assertTrue(refused.text().contains("Message too large for this mailbox"), refused.text());
    }

    @Test
    void aRefusedMultiappendBatchIsHandedBackForSingleAppends() throws Exception {
        connect(LITERAL_PLUS + " MULTIAPPEND");
        MessageRelay relay = relay(AppendStyle.BATCHED, 3);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        send(src, fetched(1) + fetched(2) + fetched(3) + "A1 OK fetched\r\n");
        dst.await(s -> s.endsWith(body(3) + "\r\n"));
        dst.send("A1 NO [LIMIT] one of these is too big");
        MessageRelay.Result result = result(done);
        assertEquals(
                List.of(1L, 2L, 3L),
                result.retrySingly.stream().map(MessageMeta::uid).toList());
        assertTrue(result.copied.isEmpty());
        assertTrue(result.failed.isEmpty(), "not failed: each goes again on its own");
    }

    @Test
    void refusalsAreTypedByTheirResponseCodes() throws Exception {
        connect(LITERAL_PLUS);
        MessageRelay relay = relay(AppendStyle.SINGLE, 3);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        send(src, fetched(1) + fetched(2) + fetched(3) + "A1 OK fetched\r\n");
        dst.await(s -> s.endsWith(body(3) + "\r\n"));
        dst.send(
                "A1 NO [OVERQUOTA] Quota exceeded",
                "A2 NO [TRYCREATE] Mailbox doesn't exist: INBOX",
                "A3 NO [THROTTLED] Too many requests");
        MessageRelay.Result result = result(done);
        assertEquals(Failure.Kind.OVER_QUOTA, result.failed.get(1L).kind());
        assertEquals(Failure.Kind.TRY_CREATE, result.failed.get(2L).kind());
        assertEquals(Failure.Kind.THROTTLED, result.failed.get(3L).kind());
        assertEquals(
                "APPEND failed: NO [OVERQUOTA] Quota exceeded",
                result.failed.get(1L).text());
        assertTrue(
                progress.contains("failed 2: APPEND failed: NO [TRYCREATE] Mailbox doesn't exist: INBOX"),
                progress::toString);
        assertFalse(result.cutShort(), "refusals are not a lost connection");
    }

    @Test
    void theSourceClosingMidLiteralAbandonsTheHalfMessageAndClosesTheTarget() throws Exception {
        connect(LITERAL_PLUS);
        MessageRelay relay = relay(AppendStyle.SINGLE, 3);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        String half = "* 2 FETCH (UID 2 BODY[] {" + LENGTH + "}\r\n" + body(2).substring(0, LENGTH / 2);
        send(src, fetched(1) + half);
        String expected = append(1, 1) + "A2 APPEND INBOX {" + LENGTH + "+}\r\n" + body(2).substring(0, LENGTH / 2);
        assertEquals(expected, awaitLength(dst, expected));
        src.close();
        // The whole APPEND before it is still answered, and counts; only then the target closes.
        Thread.sleep(100);
        assertTrue(target.channel().isActive(), "the target waits for the APPEND already whole");
        dst.send("A1 OK [APPENDUID 7 1] done");
        MessageRelay.Result result = result(done);
        assertEquals(Map.of(1L, 1L), result.copied);
        assertEquals(Failure.Kind.CONNECTION_LOST, result.failed.get(2L).kind());
        assertNotNull(result.connectionFailure);
        assertFalse(result.stopped);
        target.channel().closeFuture().await(5, TimeUnit.SECONDS);
        assertFalse(target.channel().isActive(), "a half-written APPEND is discarded by closing the target");
        assertEquals(expected, dst.received(), "not a byte more of the half message");
    }

    @Test
    void theTargetClosingMidLiteralFailsThatMessageAndDropsTheRest() throws Exception {
        connect(LITERAL_PLUS);
        MessageRelay relay = relay(AppendStyle.SINGLE, 2);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        String head = "* 1 FETCH (UID 1 BODY[] {" + LENGTH + "}\r\n";
        send(src, head + body(1).substring(0, 10));
        dst.await(s -> s.endsWith(body(1).substring(0, 10)));
        dst.close();
        awaitFailed(target);
        send(src, body(1).substring(10) + ")\r\n" + fetched(2) + "A1 OK fetched\r\n");
        MessageRelay.Result result = result(done);
        assertTrue(result.copied.isEmpty());
        assertEquals(Failure.Kind.CONNECTION_LOST, result.failed.get(1L).kind());
        assertFalse(result.failed.containsKey(2L), "message 2 was never begun: the rerun copies it");
        assertNotNull(result.connectionFailure);
    }

    @Test
    void theTargetClosingAfterAnAppendWasSentBeforeItsAnswerFailsIt() throws Exception {
        connect(LITERAL_PLUS);
        MessageRelay relay = relay(AppendStyle.SINGLE, 1);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        send(src, fetched(1) + "A1 OK fetched\r\n");
        assertEquals(append(1, 1), awaitLength(dst, append(1, 1)));
        dst.close();
        MessageRelay.Result result = result(done);
        assertTrue(result.copied.isEmpty());
        Failure lost = result.failed.get(1L);
        assertEquals(Failure.Kind.CONNECTION_LOST, lost.kind());
        assertTrue(lost.text().startsWith("not copied: "), lost.text());
        assertNotNull(result.connectionFailure);
    }

    @Test
    void aStopMidMessageAbandonsItKeepsWhatWasWholeAndFetchesNothingMore() throws Exception {
        connect(LITERAL_PLUS);
        MessageRelay relay = relay(AppendStyle.SINGLE, 3);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        String fetch = "A1 UID FETCH 1:3 BODY.PEEK[]\r\n";
        src.await(s -> s.equals(fetch));
        String half = "* 2 FETCH (UID 2 BODY[] {" + LENGTH + "}\r\n" + body(2).substring(0, 20);
        send(src, fetched(1) + half);
        String expected = append(1, 1) + "A2 APPEND INBOX {" + LENGTH + "+}\r\n" + body(2).substring(0, 20);
        assertEquals(expected, awaitLength(dst, expected));
        stop.request();
        // The FETCH still streaming is cut: its bodies would only be thrown away.
        source.channel().closeFuture().await(5, TimeUnit.SECONDS);
        assertFalse(source.channel().isActive());
        assertTrue(target.channel().isActive(), "the APPEND already whole is awaited");
        dst.send("A1 OK [APPENDUID 7 1] done");
        MessageRelay.Result result = result(done);
        assertTrue(result.stopped);
        assertNull(result.connectionFailure, "stopped, not lost");
        assertEquals(Map.of(1L, 1L), result.copied);
        assertEquals(Failure.stopped(), result.failed.get(2L));
        target.channel().closeFuture().await(5, TimeUnit.SECONDS);
        assertFalse(target.channel().isActive(), "the half-written APPEND is discarded by closing the target");
        assertEquals(expected, dst.received());
        assertEquals(fetch, src.received(), "no FETCH after the stop");
    }

    @Test
    void aStopWaitsOnlyABoundedTimeForAnswersToAppendsAlreadyWhole() throws Exception {
        connect(LITERAL_PLUS);
        MessageRelay relay = relay(AppendStyle.SINGLE, 1);
        CompletableFuture<MessageRelay.Result> done = relay.start();
        src.await(s -> s.contains("UID FETCH"));
        send(src, fetched(1) + "A1 OK fetched\r\n");
        awaitLength(dst, append(1, 1));
        long start = System.nanoTime();
        stop.request();
        MessageRelay.Result result = result(done);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= MessageRelay.STOP_GRACE.toMillis() - 100 && waited < 4000, "waited " + waited + " ms");
        assertTrue(result.stopped);
        assertEquals(Failure.Kind.CONNECTION_LOST, result.failed.get(1L).kind(), "unanswered: the rerun finds it");
        assertFalse(target.channel().isActive());
    }

    @Test
    void aRelayStartedAfterTheStopFetchesNothing() throws Exception {
        connect(LITERAL_PLUS);
        stop.request();
        MessageRelay relay = relay(AppendStyle.SINGLE, 3);
        MessageRelay.Result result = result(relay.start());
        assertTrue(result.stopped);
        assertEquals(3, result.failed.size());
        assertTrue(result.failed.values().stream().allMatch(f -> f.kind() == Failure.Kind.STOPPED));
        assertEquals("", src.received());
        assertEquals("", dst.received());
    }
}
