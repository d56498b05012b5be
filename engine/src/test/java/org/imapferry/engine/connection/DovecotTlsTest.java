package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.List;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.protocol.command.ListMailboxes;
import org.imapferry.protocol.response.ListData;
import org.imapferry.protocol.types.Capability;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Implicit TLS and STARTTLS to a Dovecot whose certificate a test CA signed. */
@DovecotTest
class DovecotTlsTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT =
            DovecotExtension.builder().tls(DovecotServer.Tls.CA_SIGNED).build();

    private static DovecotServer dovecot;

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUser("erin", "pw");
    }

    private static void assertLoggedInOverTls(ImapSession session) {
        assertNotNull(session.channel().pipeline().get(SslHandler.class), "no TLS on the connection");
        assertTrue(session.channel()
                .pipeline()
                .get(SslHandler.class)
                .handshakeFuture()
                .isSuccess());
        List<ListData> folders =
                session.run(new ListMailboxes(List.of(), "", "*", List.of())).all(ListData.class);
        assertTrue(folders.stream().anyMatch(f -> f.mailbox().isInbox()), folders.toString());
    }

    private static List<String> clientLines() {
        return connectors.trace().stream()
                .filter(l -> l.contains(" C: "))
                .map(l -> l.substring(l.indexOf(" C: ") + 4))
                .toList();
    }

    @Test
    void implicitTlsTrustingTheCaFile() {
        TestEndpoint erin = TestEndpoint.at(dovecot.host(), dovecot.imapsPort())
                .login("erin", "pw")
                .security(Endpoint.Security.TLS)
                .trustFile(dovecot.certificates().caFile());
        try (ImapSession session = connectors.connect(erin)) {
            assertLoggedInOverTls(session);
        }
    }

    @Test
    void implicitTlsWithoutTheCaIsRefused() {
        TestEndpoint erin = TestEndpoint.at(dovecot.host(), dovecot.imapsPort())
                .login("erin", "pw")
                .security(Endpoint.Security.TLS);
        TlsFailedException e = assertThrows(TlsFailedException.class, () -> connectors.connect(erin));
        assertTrue(e.getMessage().contains("--sslcafile") && e.getMessage().contains("--insecure"), e.getMessage());
    }

    @Test
    void starttlsUpgradesAndRereadsCapabilities() {
        TestEndpoint erin = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("erin", "pw")
                .security(Endpoint.Security.STARTTLS)
                .trustFile(dovecot.certificates().caFile())
                .trace();
        try (ImapSession session = connectors.connect(erin)) {
            assertLoggedInOverTls(session);
            assertFalse(session.has(Capability.STARTTLS), session.capabilities().toString());
        }
        List<String> client = clientLines();
        int starttls = client.indexOf("A1 STARTTLS");
        assertTrue(starttls >= 0, client.toString());
        assertTrue(
                client.get(starttls + 1).endsWith("CAPABILITY"),
                "capabilities must be asked again after TLS: " + client);
        assertTrue(connectors.trace().get(0).contains("STARTTLS"), "the greeting offered STARTTLS");
    }

    @Test
    void implicitTlsAgainstThePlainPortNamesThePort() {
        TestEndpoint erin = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("erin", "pw")
                .security(Endpoint.Security.TLS)
                .trustFile(dovecot.certificates().caFile());
        TlsFailedException e = assertThrows(TlsFailedException.class, () -> connectors.connect(erin));
        assertEquals(TlsFailedException.Reason.NOT_TLS, e.reason(), e.getMessage());
        assertTrue(
                e.getMessage().contains("the server did not answer TLS (it sent \"* OK [CAPABILITY IMAP4rev1"),
                e.getMessage());
        assertTrue(
                e.getMessage().endsWith("is port " + dovecot.port() + " plain IMAP (try --nossl1/--nossl2)?"),
                e.getMessage());
    }

    @Test
    void plainAgainstTheTlsPortNamesThePort() {
        TestEndpoint erin = TestEndpoint.at(dovecot.host(), dovecot.imapsPort())
                .login("erin", "pw")
                .timeout(Duration.ofSeconds(1));
        NoImapGreetingException e = assertThrows(NoImapGreetingException.class, () -> connectors.connect(erin));
        assertTrue(
                e.getMessage()
                        .endsWith("sent no IMAP greeting within 1 s; is it an IMAP server, and is port "
                                + dovecot.imapsPort() + " a TLS port (try --ssl1/--ssl2)?"),
                e.getMessage());
    }

    @Test
    void starttlsIfOfferedUpgradesWhenOffered() {
        TestEndpoint erin = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("erin", "pw")
                .security(Endpoint.Security.STARTTLS_IF_OFFERED)
                .trustFile(dovecot.certificates().caFile());
        try (ImapSession session = connectors.connect(erin)) {
            assertLoggedInOverTls(session);
        }
    }
}
