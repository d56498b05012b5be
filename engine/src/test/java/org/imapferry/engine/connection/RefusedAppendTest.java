package org.imapferry.engine.connection;

import static org.imapferry.engine.connection.FakeServers.loggedIn;
import static org.imapferry.engine.connection.FakeServers.loggedOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.Noop;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server may answer an APPEND with NO where its synchronizing literal waits for "+" (a message
 * too big, a full mailbox): the command is over without its bytes, and the session goes on. A
 * command submitted meanwhile waits and then follows it.
 */
class RefusedAppendTest {
    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @Test
    void aSynchronizingLiteralRefusedBeforeItsBytesLeavesTheSessionUsable() throws Exception {
        try (FakeImapServer server = FakeImapServer.start(loggedOut(loggedIn()
                .expectLine("A2 APPEND INBOX \\{5000000}")
                .send("{tag} NO [LIMIT] Message too large")
                .expectLine("A3 NOOP")
                .send("{tag} OK still here")))) {
            try (ImapSession session = connectors.connect(
                    TestEndpoint.at(server.host(), server.port()).login("alice", "pw"))) {
                CompletableFuture<TaggedResponse> append = new CompletableFuture<>();
                session.eventLoop().execute(() -> {
                    Append command = new Append(
                            MailboxName.INBOX,
                            new AppendMessage(List.of(), null, 5_000_000, false, LiteralMode.SYNCHRONIZING));
                    CommandPipeline.Pending pending = session.pipeline().begin(command, ResponseHandler.NONE);
                    pending.completion().whenComplete((ok, error) -> {
                        if (error != null) {
                            append.completeExceptionally(error);
                        } else {
                            append.complete(ok);
                        }
                    });
                    session.channel().writeAndFlush(new TaggedCommand(pending.tag(), command));
                });
                // Submitted while the APPEND waits for "+": held, then written after the refusal.
                CompletableFuture<CommandResult> noop = session.submit(new Noop());
                ExecutionException refused =
                        assertThrows(ExecutionException.class, () -> append.get(5, TimeUnit.SECONDS));
                ImapCommandException e = assertInstanceOf(ImapCommandException.class, refused.getCause());
                assertTrue(e.getMessage().contains("[LIMIT]"), e.getMessage());
                assertEquals(
                        "still here", noop.get(5, TimeUnit.SECONDS).completion().text());
                assertTrue(session.isOpen());
            }
            server.awaitDone(Duration.ofSeconds(5));
        }
    }
}
