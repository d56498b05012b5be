package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslHandler;
import java.util.List;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.protocol.command.Noop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A self-signed certificate: refused with a reason and the opt-out named, accepted when verification is off. */
@DovecotTest
class DovecotSelfSignedTlsTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT =
            DovecotExtension.builder().tls(DovecotServer.Tls.SELF_SIGNED).build();

    private static DovecotServer dovecot;

    @RegisterExtension
    static final Connectors connectors = new Connectors();

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUser("fred", "pw");
    }

    private static void assertExplained(TlsFailedException e, int port) {
        String m = e.getMessage();
        assertTrue(m.contains("TLS handshake with " + dovecot.host() + ":" + port + " failed"), m);
        assertTrue(m.contains("PKIX") || m.contains("certificate"), "the reason: " + m);
        assertTrue(m.contains("--insecure") && m.contains("--sslcafile"), "the way out: " + m);
    }

    @Test
    void implicitTlsIsRefused() {
        TestEndpoint fred = TestEndpoint.at(dovecot.host(), dovecot.imapsPort())
                .login("fred", "pw")
                .security(Endpoint.Security.TLS);
        assertExplained(assertThrows(TlsFailedException.class, () -> connectors.connect(fred)), dovecot.imapsPort());
    }

    @Test
    void starttlsIsRefused() {
        TestEndpoint fred = TestEndpoint.at(dovecot.host(), dovecot.port())
                .login("fred", "pw")
                .security(Endpoint.Security.STARTTLS);
        assertExplained(assertThrows(TlsFailedException.class, () -> connectors.connect(fred)), dovecot.port());
    }

    @Test
    void acceptedWithVerificationTurnedOff() {
        for (TestEndpoint fred : List.of(
                TestEndpoint.at(dovecot.host(), dovecot.imapsPort()).security(Endpoint.Security.TLS),
                TestEndpoint.at(dovecot.host(), dovecot.port()).security(Endpoint.Security.STARTTLS))) {
            try (ImapSession session =
                    connectors.connect(fred.login("fred", "pw").insecure())) {
                assertNotNull(session.channel().pipeline().get(SslHandler.class));
                session.run(new Noop());
            }
        }
    }
}
