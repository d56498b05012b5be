package org.imapferry.engine.verify;

import static org.imapferry.engine.verify.VerifyFixtures.DATE;
import static org.imapferry.engine.verify.VerifyFixtures.copy;
import static org.imapferry.engine.verify.VerifyFixtures.folder;
import static org.imapferry.engine.verify.VerifyFixtures.message;
import static org.imapferry.engine.verify.VerifyFixtures.options;
import static org.imapferry.engine.verify.VerifyFixtures.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.verify.VerifyFixtures.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A copy made by the engine verifies clean, message by message, across folders, flags and keywords. */
@DovecotTest
class VerifierCleanCopyTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT1 = DovecotExtension.plain();

    private static DovecotServer dovecot1;

    @RegisterExtension
    static final DovecotExtension DOVECOT2 = DovecotExtension.plain();

    private static DovecotServer dovecot2;
    private static GreenMailServer greenMail;
    private static Server source1;
    private static Server target2;
    private static Server greenMailServer;

    @BeforeAll
    static void startServers() {
        dovecot1 = DOVECOT1.server();
        dovecot2 = DOVECOT2.server();
        greenMail = GreenMailServer.start();
        source1 = Server.of(dovecot1).withAccounts(3);
        target2 = Server.of(dovecot2).withAccounts(3);
        greenMailServer = Server.of(greenMail).withAccounts(3);
    }

    @AfterAll
    static void stopServers() {
        if (greenMail != null) {
            greenMail.close();
        }
    }

    /** Five messages in three folders with system flags, keywords and distinct dates. */
    private static void seed(Server server, String user, char sep) {
        server.deliver(user, "INBOX", message("clean inbox one"), Set.of("\\Seen", "$Forwarded"), DATE);
        server.deliver(user, "INBOX", message("clean inbox two"), Set.of(), DATE.plus(Duration.ofHours(2)));
        server.deliver(
                user,
                "Projects" + sep + "2021",
                message("clean project"),
                Set.of("\\Flagged", "\\Answered", "Work"),
                DATE.minus(Duration.ofDays(40)));
        server.deliver(
                user,
                "Projects" + sep + "2021",
                message("clean draft"),
                Set.of("\\Draft", "\\Seen"),
                DATE.minus(Duration.ofDays(2)));
        server.deliver(
                user,
                "Archive",
                message("clean archived"),
                Set.of("\\Seen", "Old", "$Label1"),
                DATE.minus(Duration.ofDays(400)));
    }

    private static void assertCleanCopy(Server source, char sourceSep, Server target, String projects) {
        String from = source.newUser();
        String to = target.newUser();
        seed(source, from, sourceSep);
        SyncOptions options = options(source, from, target, to);
        SyncReport copied = copy(options);
        assertEquals(5, copied.copied(), "the engine copied everything");

        VerifyReport report = verify(options, VerifyOptions.strict());

        assertTrue(report.clean(), source + "→" + target + ": " + report);
        assertEquals(5, report.identical());
        assertEquals(2, folder(report, "INBOX").sourceMessages());
        assertEquals(2, folder(report, "INBOX").targetMessages());
        assertEquals(2, folder(report, projects).identical());
        assertEquals(1, folder(report, "Archive").identical());
    }

    @Test
    void dovecotToDovecotCopyVerifiesClean() {
        assertCleanCopy(source1, '/', target2, "Projects/2021");
    }

    @Test
    void greenMailToDovecotCopyVerifiesClean() {
        assertCleanCopy(greenMailServer, '.', target2, "Projects.2021");
    }

    @Test
    void dovecotToGreenMailCopyVerifiesClean() {
        assertCleanCopy(source1, '/', greenMailServer, "Projects/2021");
    }
}
