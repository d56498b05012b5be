package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.protocol.command.Noop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Endpoint.trace puts the conversation in the trace, with the password redacted. */
class ImapTraceTest {
    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @Test
    void traceShowsTheConversationWithoutThePassword() {
        String password = "tr4ce-me-not";
        try (FakeImapServer server = FakeImapServer.start(FakeServers.loggedOut(
                FakeServers.loggedIn().expectLine("A2 NOOP").send("{tag} OK noop done")))) {
            String label = "alice@127.0.0.1:" + server.port();
            try (ImapSession session = connectors.connect(TestEndpoint.at(server.host(), server.port())
                    .login("alice", password)
                    .trace())) {
                session.run(new Noop());
            }
            server.awaitDone(Duration.ofSeconds(5));
            List<String> trace = connectors.trace();
            assertEquals(
                    List.of(
                            label + " S: * OK [CAPABILITY IMAP4rev1] fake ready",
                            label + " C: A1 LOGIN alice <redacted>",
                            label + " S: A1 OK [CAPABILITY IMAP4rev1] logged in",
                            label + " C: A2 NOOP",
                            label + " S: A2 OK noop done",
                            label + " C: A3 LOGOUT",
                            label + " S: * BYE bye",
                            label + " S: A3 OK logged out"),
                    trace);
            assertTrue(server.receivedText().contains(password), "the password did go to the server");
            Secrets.assertAbsent("the trace", trace.toString(), "alice", password);
        }
    }

    @Test
    void withoutASinkTheTraceGoesToTheTraceLogger() throws Exception {
        String password = "l0gged-never";
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try (FakeImapServer server = FakeImapServer.start(FakeServers.loggedOut(FakeServers.loggedIn()))) {
            // slf4j-simple writes to whatever System.err is at the time of each call.
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                new ImapConnector(connectors.group(), Transport.best())
                        .connect(TestEndpoint.at(server.host(), server.port())
                                .login("alice", password)
                                .trace()
                                .build())
                        .close();
                server.awaitDone(Duration.ofSeconds(5));
            } finally {
                System.setErr(original);
            }
        }
        List<String> log = captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains(ImapTraceHandler.LOGGER_NAME))
                .toList();
        assertTrue(log.stream().anyMatch(l -> l.endsWith(" C: A1 LOGIN alice <redacted>")), log.toString());
        assertTrue(
                log.stream().anyMatch(l -> l.endsWith(" S: A1 OK [CAPABILITY IMAP4rev1] logged in")), log.toString());
        Secrets.assertAbsent("the trace log", captured.toString(StandardCharsets.UTF_8), "alice", password);
    }

    @Test
    void noTraceUnlessAsked() {
        try (FakeImapServer server = FakeImapServer.start(FakeServers.loggedOut(FakeServers.loggedIn()))) {
            connectors.clearTrace();
            connectors
                    .connect(TestEndpoint.at(server.host(), server.port()).login("alice", "pw"))
                    .close();
            server.awaitDone(Duration.ofSeconds(5));
            assertEquals(List.of(), connectors.trace());
        }
    }
}
