package org.imapferry.engine.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** Scripted servers that throttle or cap connections are reported as such. */
class ProbeLimitsTest {
    private static ImapScript greeted() {
        return new ImapScript().send("* OK [CAPABILITY IMAP4rev1] fake ready");
    }

    private static ImapScript loggedIn() {
        return greeted().expectLine("A1 LOGIN alice \\S+").send("{tag} OK [CAPABILITY IMAP4rev1] logged in");
    }

    private static ImapScript loggedOut(ImapScript script) {
        return script.expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
    }

    private static ImapScript noop(ImapScript script) {
        return script.expectLine("\\S+ NOOP").send("{tag} OK done");
    }

    /** The connect phase: two sessions opened without login, the control session, the bare TCP timing. */
    private static List<ImapScript> connectPhase(ImapScript control) {
        return List.of(loggedOut(greeted()), loggedOut(greeted()), control, greeted());
    }

    private static Endpoint endpoint(FakeImapServer server) {
        return new Endpoint(
                server.host(),
                server.port(),
                Endpoint.Security.PLAIN,
                "alice",
                Secret.of("pw"),
                null,
                null,
                null,
                null,
                true,
                false,
                false,
                Duration.ofSeconds(5),
                false);
    }

    private static ImapScript examined(ImapScript script) {
        return script.expectLine("\\S+ EXAMINE \"?INBOX\"?").send("* 3 EXISTS").send("{tag} OK [READ-ONLY] examined");
    }

    /** The check that a folder named by --folder is there, before any phase. */
    private static ImapScript folderChecked(ImapScript script) {
        return script.expectLine("\\S+ STATUS \"?INBOX\"? \\(MESSAGES\\)")
                .send("* STATUS INBOX (MESSAGES 3)")
                .send("{tag} OK status");
    }

    @Test
    void aServerThatThrottlesTheReadIsReportedWithItsBackoff() {
        ImapScript control = loggedOut(examined(folderChecked(loggedIn()))
                .expectLine("\\S+ UID FETCH 1:\\* \\(UID RFC822.SIZE\\)")
                .send("* 1 FETCH (UID 11 RFC822.SIZE 100)")
                .send("* 2 FETCH (UID 12 RFC822.SIZE 100)")
                .send("* 3 FETCH (UID 13 RFC822.SIZE 100)")
                .send("{tag} OK fetched"));
        ImapScript reader = loggedOut(examined(loggedIn())
                .expectLine("\\S+ UID FETCH 11:13 \\(?BODY.PEEK\\[\\]\\)?")
                .send("{tag} NO [THROTTLED] Request is throttled. Suggested Backoff Time: 5000 milliseconds"));
        List<ImapScript> scripts = new ArrayList<>(connectPhase(control));
        scripts.add(reader);
        try (FakeImapServer server = FakeImapServer.start(scripts.toArray(ImapScript[]::new))) {
            ProbeResult r = new Prober(
                            ProbeOptions.readOnly(endpoint(server))
                                    .withFolder("INBOX")
                                    .withPhases(EnumSet.of(ProbePhase.READ_ONE)),
                            ProbeListener.NONE,
                            new ProbeStop())
                    .run();
            server.awaitDone(Duration.ofSeconds(5));

            assertEquals(1, r.limits().size(), r.limits().toString());
            Limit.Throttled t =
                    assertInstanceOf(Limit.Throttled.class, r.limits().get(0));
            assertEquals(ProbePhase.READ_ONE, t.phase());
            assertEquals(Duration.ofSeconds(5), t.suggestedBackoff());
            assertTrue(t.response().contains("[THROTTLED]"), t.response());
            assertTrue(r.throttled());
            assertEquals(0, r.reads().get(0).bytes(), "nothing was read before the refusal");
            Recommendation rec = Recommender.recommend(r, null, 0);
            assertTrue(
                    rec.reasons().stream().anyMatch(s -> s.contains("before any rate was measured")),
                    rec.reasons().toString());
            assertTrue(ProbeTable.render(List.of(r), rec).contains("throttled during read, 1 connection"));
        }
    }

    @Test
    void aServerThatCapsConnectionsIsReportedWithTheLargestCountThatWorked() {
        List<ImapScript> scripts = new ArrayList<>(connectPhase(loggedOut(loggedIn())));
        scripts.add(loggedOut(noop(loggedIn()))); // 1 at once
        scripts.add(loggedOut(noop(loggedIn()))); // 2 at once
        scripts.add(loggedOut(noop(loggedIn())));
        scripts.add(loggedOut(loggedIn())); // 4 at once: the third is refused
        scripts.add(loggedOut(loggedIn()));
        scripts.add(
                new ImapScript().send("* BYE Too many connections from your IP").close());
        try (FakeImapServer server = FakeImapServer.start(scripts.toArray(ImapScript[]::new))) {
            ProbeResult r = new Prober(
                            ProbeOptions.readOnly(endpoint(server))
                                    .withConnections(2, 4)
                                    .withPhases(EnumSet.of(ProbePhase.CONNECTIONS)),
                            ProbeListener.NONE,
                            new ProbeStop())
                    .run();
            server.awaitDone(Duration.ofSeconds(5));

            assertEquals(List.of(1, 2, 4), r.triedConnections());
            assertEquals(2, r.largestConnections());
            Limit.ConnectionRefused refused =
                    assertInstanceOf(Limit.ConnectionRefused.class, r.limits().get(0));
            assertEquals(3, refused.connections());
            assertTrue(refused.reason().contains("Too many connections"), refused.reason());
            assertEquals(
                    1,
                    Recommender.recommend(r, null, 0).connections(),
                    "two at once, one of them listing folders, leaves one copier");
        }
    }

    @Test
    void aScratchFolderTheServerWillNotDeleteIsReportedByName() {
        String refused = "{tag} NO [INUSE] the folder is in use";
        ImapScript control = loggedOut(loggedIn()
                .expectLine("\\S+ CREATE \"?imapferry-probe-[0-9a-f-]+\"?")
                .send("{tag} OK created")
                .expectLine("\\S+ DELETE \"?imapferry-probe-[0-9a-f-]+\"?")
                .send(refused));
        ImapScript writer = loggedOut(loggedIn()
                .expectLine("\\S+ APPEND \"?imapferry-probe-[0-9a-f-]+\"? .*\\{2000}")
                .send("+ go on")
                .expectLiteral(2000)
                .expectLine("")
                .send("{tag} OK appended"));
        ImapScript retry = loggedOut(loggedIn()
                .expectLine("\\S+ DELETE \"?imapferry-probe-[0-9a-f-]+\"?")
                .send(refused));
        List<ImapScript> scripts = new ArrayList<>(connectPhase(control));
        scripts.add(writer);
        scripts.add(retry);
        try (FakeImapServer server = FakeImapServer.start(scripts.toArray(ImapScript[]::new))) {
            ProbeResult r = new Prober(
                            ProbeOptions.readOnly(endpoint(server))
                                    .withPhases(EnumSet.of(ProbePhase.WRITE_ONE))
                                    .withBudgets(PhaseBudget.READ, new PhaseBudget(2000, 1, Duration.ofSeconds(5))),
                            ProbeListener.NONE,
                            new ProbeStop())
                    .run();
            server.awaitDone(Duration.ofSeconds(5));

            assertTrue(r.scratchLeft());
            assertTrue(
                    r.scratch().folder().startsWith(ScratchFolder.PREFIX),
                    r.scratch().folder());
            assertTrue(r.scratch().problem().contains("in use"), r.scratch().problem());
            assertEquals(1, r.writes().get(0).messages(), "a synchronizing literal still goes out: " + r.writes());
            assertEquals(2000, r.writes().get(0).bytes());
            assertTrue(
                    ProbeTable.render(List.of(r), null)
                            .contains(ProbeTable.row(
                                    "Scratch folder removed",
                                    "NO: " + r.scratch().folder() + " is still there")),
                    "the table names the folder left");
        }
    }
}
