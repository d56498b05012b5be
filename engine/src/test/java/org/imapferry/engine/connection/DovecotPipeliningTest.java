package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many commands in flight on one Dovecot connection, each answer matched to its own command. */
@DovecotTest
class DovecotPipeliningTest {
    private static final int FOLDERS = 20;

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUser("dora", "pw");
        Instant date = Instant.parse("2021-05-06T07:08:09Z");
        for (int f = 1; f <= FOLDERS; f++) {
            for (int m = 0; m < f; m++) {
                byte[] message = ("Subject: " + f + "/" + m + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
                dovecot.deliver("dora", folder(f), message, Set.of(), date);
            }
        }
    }

    private static String folder(int f) {
        return String.format("F%02d", f);
    }

    private static ImapSession connect() {
        return connectors.connect(
                TestEndpoint.at(dovecot.host(), dovecot.port()).login("dora", "pw"));
    }

    private static Status status(int f) {
        return new Status(MailboxName.of(folder(f)), List.of("MESSAGES"));
    }

    /** Folder F{n} holds n messages; each STATUS must come back with its own folder's data. */
    private static void assertStatus(int f, CommandResult result) {
        List<StatusData> data = result.all(StatusData.class);
        assertEquals(1, data.size(), data.toString());
        assertEquals(MailboxName.of(folder(f)), data.get(0).mailbox());
        assertEquals(f, data.get(0).get("MESSAGES").orElseThrow(), folder(f));
    }

    @Test
    void thousandStatusCommandsInFlight() throws Exception {
        try (ImapSession session = connect()) {
            List<CompletableFuture<CommandResult>> inFlight = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                inFlight.add(session.submit(status(i % FOLDERS + 1)));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 1000; i++) {
                assertStatus(i % FOLDERS + 1, inFlight.get(i).get());
            }
            assertEquals(0, session.pipeline().inFlight());
        }
    }

    @Test
    void synchronizingAppendBetweenPipelinedCommands() throws Exception {
        byte[] message = "Subject: appended\r\n\r\nsynchronizing literal\r\n".getBytes(StandardCharsets.US_ASCII);
        try (ImapSession session = connect()) {
            session.run(new Create(MailboxName.of("Appended"), List.of()));
            List<CompletableFuture<CommandResult>> before = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                before.add(session.submit(status(i % FOLDERS + 1)));
            }
            CompletableFuture<TaggedResponse> appended = new CompletableFuture<>();
            session.eventLoop().execute(() -> {
                Append append = new Append(
                        MailboxName.of("Appended"),
                        new AppendMessage(List.of(), null, message.length, false, LiteralMode.SYNCHRONIZING));
                CommandPipeline.Pending pending = session.pipeline().begin(append, ResponseHandler.NONE);
                session.pipeline().onContinuation(request -> {
                    session.channel().write(new LastLiteralChunk(Unpooled.wrappedBuffer(message)));
                    session.channel().writeAndFlush(new AppendEnd());
                });
                session.channel().writeAndFlush(new TaggedCommand(pending.tag(), append));
                pending.completion().whenComplete((ok, error) -> {
                    if (error != null) {
                        appended.completeExceptionally(error);
                    } else {
                        appended.complete(ok);
                    }
                });
            });
            List<CompletableFuture<CommandResult>> after = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                after.add(session.submit(status(i % FOLDERS + 1)));
            }
            TaggedResponse ok = appended.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ResponseCode.AppendUid.class, ok.code(), ok.toString());
            for (int i = 0; i < 100; i++) {
                assertStatus(i % FOLDERS + 1, before.get(i).get(10, TimeUnit.SECONDS));
                assertStatus(i % FOLDERS + 1, after.get(i).get(10, TimeUnit.SECONDS));
            }
            StatusData appendedFolder = session.run(new Status(MailboxName.of("Appended"), List.of("MESSAGES")))
                    .first(StatusData.class);
            assertEquals(1, appendedFolder.get("MESSAGES").orElseThrow());
            assertTrue(session.isOpen());
        }
    }
}
