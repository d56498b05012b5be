package org.imapferry.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.Transport;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** The watching session against a scripted server: what it sends, and how it falls back. */
class SourceWatcherTest {
    private static ImapScript loggedIn(String capabilities) {
        return new ImapScript().send("* OK [CAPABILITY IMAP4rev1 " + capabilities + "] fake ready")
                .expectLine("A1 LOGIN alice \\S+")
                .send("{tag} OK [CAPABILITY IMAP4rev1 " + capabilities + "] logged in");
    }

    @Test
    void aServerThatRefusesTheNotifyItAnnouncesIsPolledWithIdleInstead() throws Exception {
        ImapScript refuses = loggedIn("NOTIFY IDLE")
                .expectLine("A2 NOTIFY SET \\(personal \\(MessageNew MessageExpunge FlagChange MailboxName\\)\\)")
                .send("{tag} NO [BADEVENT] not these events")
                .expectLine("\\S+ LOGOUT").send("* BYE bye").send("{tag} OK logged out").close();
        ImapScript polled = loggedIn("NOTIFY IDLE")
                .expectLine("A2 LIST \"\" \\*").send("* LIST () \"/\" INBOX").send("* LIST (\\Noselect) \"/\" Old")
                .send("{tag} OK listed")
                .expectLine("A3 STATUS INBOX \\(MESSAGES UIDNEXT UIDVALIDITY UNSEEN\\)")
                .send("* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 7 UNSEEN 0)").send("{tag} OK status")
                .expectLine("A4 EXAMINE INBOX").send("* 1 EXISTS").send("{tag} OK [READ-ONLY] examined")
                .expectLine("A5 IDLE").send("+ idling").send("* 2 EXISTS")
                .expectLine("DONE").send("A5 OK idle done")
                .expectLine("\\S+ LOGOUT").send("* BYE bye").send("{tag} OK logged out").close();
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        try (FakeImapServer server = FakeImapServer.start(refuses, polled)) {
            Notices notices = new Notices(Clock.systemUTC());
            StopSignal stop = new StopSignal();
            List<String> mechanisms = new CopyOnWriteArrayList<>();
            SourceWatcher watcher = new SourceWatcher(new ImapConnector(group, transport),
                    Endpoint.plain(server.host(), server.port(), "alice", Secret.of("pw")), Duration.ofMinutes(5),
                    notices, stop, new SourceWatcher.Events() {
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
    void notifyRegistersEveryFolderOnceAndIdlesAgainBeforeTheServerWouldLogItOut() throws Exception {
        ImapScript server = loggedIn("NOTIFY IDLE")
                .expectLine("A2 NOTIFY SET \\(personal \\(MessageNew MessageExpunge FlagChange MailboxName\\)\\)")
                .send("{tag} OK notify set")
                .expectLine("A3 IDLE").send("+ idling")
                .expectLine("DONE").send("A3 OK idle done")
                .expectLine("A4 IDLE").send("+ idling")
                .send("* STATUS Work (MESSAGES 2 UIDNEXT 9 HIGHESTMODSEQ 40)")
                .send("* LIST () \"/\" Renamed (\"OLDNAME\" (Projects))")
                .expectLine("DONE").send("A4 OK idle done")
                .expectLine("\\S+ LOGOUT").send("* BYE bye").send("{tag} OK logged out").close();
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        try (FakeImapServer fake = FakeImapServer.start(server)) {
            Notices notices = new Notices(Clock.systemUTC());
            StopSignal stop = new StopSignal();
            ImapSession session = new ImapConnector(group, transport)
                    .connect(Endpoint.plain(fake.host(), fake.port(), "alice", Secret.of("pw")));
            Thread thread = new Thread(() -> {
                try (session) {
                    new NotifyFeed(Duration.ofMillis(300)).follow(session, notices, stop);
                }
            }, "test-notify");
            thread.start();
            Set<MailboxName> heard = new HashSet<>();
            while (!heard.containsAll(Set.of(MailboxName.of("Work"), MailboxName.of("Renamed"),
                    MailboxName.of("Projects")))) {
                Notices.Batch batch = notices.take(Instant.now().plusSeconds(10));
                assertNotNull(batch, () -> "only " + heard + " heard");
                heard.addAll(batch.folders().keySet());
            }
            stop.request();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            fake.awaitDone(Duration.ofSeconds(10));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
