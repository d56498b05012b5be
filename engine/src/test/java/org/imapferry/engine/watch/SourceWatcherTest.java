package org.imapferry.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** The watching session against a scripted server: what it sends, and how it falls back. */
class SourceWatcherTest {
    private static ImapScript loggedIn(String capabilities) {
        return new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1 " + capabilities + "] fake ready")
                .expectLine("A1 LOGIN alice \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1 " + capabilities + "] logged in");
    }

    @Test
    void aServerThatRefusesTheNotifyItAnnouncesIsPolledWithIdleInstead() throws Exception {
        ImapScript refuses = loggedIn("NOTIFY IDLE")
                .expectLine("A2 NOTIFY SET \\(personal \\(MessageNew MessageExpunge FlagChange MailboxName\\)\\)")
                .send("{tag} NO [BADEVENT] not these events")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
        ImapScript polled = loggedIn("NOTIFY IDLE")
                .expectLine("A2 LIST \"\" \\*")
                .send("* LIST () \"/\" INBOX")
                .send("* LIST (\\Noselect) \"/\" Old")
                .send("{tag} OK listed")
                .expectLine("A3 STATUS INBOX \\(MESSAGES UIDNEXT UIDVALIDITY UNSEEN\\)")
                .send("* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 7 UNSEEN 0)")
                .send("{tag} OK status")
                .expectLine("A4 EXAMINE INBOX")
                .send("* 1 EXISTS")
                .send("{tag} OK [READ-ONLY] examined")
                .expectLine("A5 IDLE")
                .send("+ idling")
                .send("* 2 EXISTS")
                .expectLine("DONE")
                .send("A5 OK idle done")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        try (FakeImapServer server = FakeImapServer.start(refuses, polled)) {
            Notices notices = new Notices(Clock.systemUTC());
            StopSignal stop = new StopSignal();
            List<String> mechanisms = new CopyOnWriteArrayList<>();
            SourceWatcher watcher = new SourceWatcher(
                    new ImapConnector(group, transport),
                    Endpoint.plain(server.host(), server.port(), "alice", Secret.of("pw")),
                    Duration.ofMinutes(5),
                    notices,
                    stop,
                    new SourceWatcher.Events() {
                        @Override
                        public void following(String mechanism) {
                            mechanisms.add(mechanism);
                        }

                        @Override
                        public void lost(String why) {
                            mechanisms.add("lost: " + why);
                        }
                    });
            Thread thread = new Thread(watcher, "test-watcher");
            thread.start();

            Notices.Batch first = notices.take(null);
            Notices.Batch heard = first.folders().isEmpty() ? notices.take(null) : first;
            assertEquals(Set.of(MailboxName.INBOX), heard.folders().keySet(), "the EXISTS during IDLE");
            assertTrue(first.sweep(), "a look at every folder once listening");
            stop.request();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            server.awaitDone(Duration.ofSeconds(10));
            assertEquals(List.of("NOTIFY", "IDLE+STATUS"), mechanisms, "a refusal is no lost connection");
            assertEquals(2, server.connections());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLookBetweenIdlesFindsWhatNotifyDidNotTellAndEndsTheDeafSession() throws Exception {
        String statusInbox = "STATUS INBOX \\(MESSAGES UIDNEXT UIDVALIDITY UNSEEN\\)";
        ImapScript server = loggedIn("NOTIFY IDLE")
                .expectLine("A2 NOTIFY SET \\(personal \\(MessageNew MessageExpunge FlagChange MailboxName\\)\\)")
                .send("{tag} OK notify set")
                .expectLine("A3 LIST \"\" \\*")
                .send("* LIST () \"/\" INBOX")
                .send("{tag} OK listed")
                .expectLine("A4 " + statusInbox)
                .send("* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 7 UNSEEN 0)")
                .send("{tag} OK status")
                .expectLine("A5 IDLE")
                .send("+ idling")
                .send("* STATUS Work (MESSAGES 2 UIDNEXT 9 HIGHESTMODSEQ 40)")
                .send("* LIST () \"/\" Renamed (\"OLDNAME\" (Projects))")
                .expectLine("DONE")
                .send("A5 OK idle done")
                // Mail came to INBOX and no notice told of it: the server went deaf.
                .expectLine("A6 LIST \"\" \\*")
                .send("* LIST () \"/\" INBOX")
                .send("{tag} OK listed")
                .expectLine("A7 " + statusInbox)
                .send("* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 7 UNSEEN 1)")
                .send("{tag} OK status")
                // Nor late: no notice of INBOX within two seconds.
                .expectLine("A8 IDLE")
                .send("+ idling")
                .expectLine("DONE")
                .send("A8 OK idle done")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        try (FakeImapServer fake = FakeImapServer.start(server)) {
            Notices notices = new Notices(Clock.systemUTC());
            StopSignal stop = new StopSignal();
            ImapSession session = new ImapConnector(group, transport)
                    .connect(Endpoint.plain(fake.host(), fake.port(), "alice", Secret.of("pw")));
            Thread thread = new Thread(
                    () -> {
                        try (session) {
                            new NotifyFeed(Duration.ofMillis(1500)).follow(session, notices, stop);
                        }
                    },
                    "test-notify");
            thread.start();
            Notices.Batch first = notices.take(Instant.now().plusSeconds(10));
            assertNotNull(first);
            assertTrue(first.sweep(), "a look at every folder once listening");
            Set<MailboxName> heard = new HashSet<>(first.folders().keySet());
            Set<MailboxName> expected = Set.of(
                    MailboxName.INBOX, MailboxName.of("Work"), MailboxName.of("Renamed"), MailboxName.of("Projects"));
            while (!heard.containsAll(expected)) {
                Notices.Batch batch = notices.take(Instant.now().plusSeconds(10));
                assertNotNull(batch, () -> "only " + heard + " heard");
                heard.addAll(batch.folders().keySet());
            }
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), "the deaf session's feed ends without a stop");
            assertFalse(stop.requested());
            fake.awaitDone(Duration.ofSeconds(10));
            assertEquals(expected, heard);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNoticeThatComesJustAfterTheLookIsNoSignOfADeafServer() throws Exception {
        String statusInbox = "STATUS INBOX \\(MESSAGES UIDNEXT UIDVALIDITY UNSEEN\\)";
        String before = "* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 7 UNSEEN 0)";
        String after = "* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 7 UNSEEN 1)";
        ImapScript server = loggedIn("NOTIFY IDLE")
                .expectLine("A2 NOTIFY SET .*")
                .send("{tag} OK notify set")
                .expectLine("A3 LIST \"\" \\*")
                .send("* LIST () \"/\" INBOX")
                .send("{tag} OK listed")
                .expectLine("A4 " + statusInbox)
                .send(before)
                .send("{tag} OK status")
                .expectLine("A5 IDLE")
                .send("+ idling")
                .expectLine("DONE")
                .send("A5 OK idle done")
                .expectLine("A6 LIST \"\" \\*")
                .send("* LIST () \"/\" INBOX")
                .send("{tag} OK listed")
                .expectLine("A7 " + statusInbox)
                .send(after)
                .send("{tag} OK status")
                // The notice of the new message, held back by the server a moment, comes now.
                .expectLine("A8 IDLE")
                .send("+ idling")
                .send("* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UNSEEN 1)")
                .expectLine("DONE")
                .send("A8 OK idle done")
                // The session goes on: a next IDLE, a next look, and the server then leaves.
                .expectLine("A9 IDLE")
                .send("+ idling")
                .expectLine("DONE")
                .send("A9 OK idle done")
                .expectLine("A10 LIST \"\" \\*")
                .send("* LIST () \"/\" INBOX")
                .send("{tag} OK listed")
                .expectLine("A11 " + statusInbox)
                .send(after)
                .send("{tag} OK status")
                .expectLine("A12 IDLE")
                .send("* BYE going away")
                .close();
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        try (FakeImapServer fake = FakeImapServer.start(server)) {
            Notices notices = new Notices(Clock.systemUTC());
            CompletableFuture<String> ended = new CompletableFuture<>();
            ImapSession session = new ImapConnector(group, transport)
                    .connect(Endpoint.plain(fake.host(), fake.port(), "alice", Secret.of("pw")));
            Thread thread = new Thread(
                    () -> {
                        try (session) {
                            new NotifyFeed(Duration.ofMillis(500)).follow(session, notices, new StopSignal());
                            ended.complete("returned: the session was judged deaf");
                        } catch (ConnectionClosedException e) {
                            ended.complete("closed by the server");
                        }
                    },
                    "test-notify");
            thread.start();
            assertEquals("closed by the server", ended.get(20, TimeUnit.SECONDS));
            fake.awaitDone(Duration.ofSeconds(10));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void notifiedChangesAreNoMissButUnheardMailIs() {
        Map<MailboxName, StatusData> before = Map.of(
                MailboxName.INBOX,
                status(5, 10),
                MailboxName.of("Work"),
                status(3, 4),
                MailboxName.of("Old"),
                status(1, 2));
        Map<MailboxName, StatusData> known = new HashMap<>(before);
        Notices notices = new Notices(Clock.systemUTC());
        NotifyFeed.heard(new StatusData(MailboxName.INBOX, Map.of("MESSAGES", 6L, "UIDNEXT", 11L)), notices, known);
        Map<MailboxName, StatusData> now = Map.of(
                MailboxName.INBOX,
                status(6, 11),
                MailboxName.of("Work"),
                status(2, 4),
                MailboxName.of("Old"),
                status(2, 3));
        assertEquals(
                Set.of(MailboxName.of("Work"), MailboxName.of("Old")),
                NotifyFeed.unheard(known, now),
                "INBOX was told; an expunge in Work and new mail in Old were not");
        Map<MailboxName, StatusData> aheadOfTheLook = Map.of(MailboxName.INBOX, status(5, 10));
        assertEquals(Set.of(), NotifyFeed.unheard(known, aheadOfTheLook), "a notice during the look is no miss");
    }

    private static StatusData status(long messages, long uidNext) {
        return new StatusData(MailboxName.INBOX, Map.of("MESSAGES", messages, "UIDNEXT", uidNext, "UIDVALIDITY", 7L));
    }
}
