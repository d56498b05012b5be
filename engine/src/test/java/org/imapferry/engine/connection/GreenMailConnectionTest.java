package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslHandler;
import java.time.Instant;
import java.util.Set;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.protocol.command.Status;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GreenMail offers no STARTTLS: required STARTTLS fails clearly, STARTTLS_IF_OFFERED goes on in plain text. */
class GreenMailConnectionTest {
    private static GreenMailServer greenMail;

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        greenMail = GreenMailServer.start();
        greenMail.addUser("gina", "gr33n-pw");
        greenMail.deliver("gina", "INBOX", "Subject: hi\r\n\r\nhello\r\n".getBytes(), Set.of(), Instant.now());
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.close();
        }
    }

    private static TestEndpoint gina(String password) {
        return TestEndpoint.at(greenMail.host(), greenMail.port()).login("gina", password);
    }

    @Test
    void wrongPasswordNamesUserAndHostButNotThePassword() {
        AuthenticationFailedException e =
                assertThrows(AuthenticationFailedException.class, () -> connectors.connect(gina("not-the-gr33n-pw")));
        Secrets.assertNamesAccountWithoutPassword(e, "gina", greenMail.host(), "not-the-gr33n-pw");
        assertInstanceOf(ImapCommandException.class, e.getCause());
    }

    @Test
    void requiredStarttlsFailsWhenNotOffered() {
        TlsFailedException e = assertThrows(
                TlsFailedException.class,
                () -> connectors.connect(gina("gr33n-pw").security(Endpoint.Security.STARTTLS)));
        assertEquals(TlsFailedException.Reason.STARTTLS_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("does not offer STARTTLS"), e.getMessage());
        assertTrue(e.getMessage().contains("gina@" + greenMail.host() + ":" + greenMail.port()), e.getMessage());
    }

    @Test
    void starttlsIfOfferedFallsBackToPlain() {
        try (ImapSession session =
                connectors.connect(gina("gr33n-pw").security(Endpoint.Security.STARTTLS_IF_OFFERED))) {
            assertNull(session.channel().pipeline().get(SslHandler.class));
            StatusData inbox = session.run(new Status(MailboxName.INBOX, java.util.List.of("MESSAGES")))
                    .first(StatusData.class);
            assertEquals(1, inbox.get("MESSAGES").orElseThrow());
        }
    }
}
