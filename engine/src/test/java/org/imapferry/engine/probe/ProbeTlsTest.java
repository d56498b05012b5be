package org.imapferry.engine.probe;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** The TLS handshake is timed for implicit TLS and for STARTTLS alike. */
@DovecotTest
class ProbeTlsTest {
    @Test
    void implicitTlsAndStartTlsBothGetAHandshakeTime() {
        DovecotServer.assumeAvailable();
        try (DovecotServer dovecot =
                DovecotServer.builder().tls(DovecotServer.Tls.CA_SIGNED).start()) {
            dovecot.addUser("tess", "pw");
            for (Endpoint.Security security :
                    new Endpoint.Security[] {Endpoint.Security.TLS, Endpoint.Security.STARTTLS}) {
                int port = security == Endpoint.Security.TLS ? dovecot.imapsPort() : dovecot.port();
                Endpoint endpoint = new Endpoint(
                        dovecot.host(),
                        port,
                        security,
                        "tess",
                        Secret.of("pw"),
                        null,
                        null,
                        null,
                        dovecot.certificates().caFile(),
                        true,
                        false,
                        false,
                        Duration.ofSeconds(10),
                        false);
                ProbeResult r = new Prober(
                                ProbeOptions.readOnly(endpoint)
                                        .withRoundTrips(3)
                                        .withPhases(EnumSet.of(ProbePhase.ROUND_TRIP)),
                                ProbeListener.NONE,
                                new ProbeStop())
                        .run();
                ConnectionTimes t = r.times();
                assertNotNull(t.tls(), security + ": " + t);
                assertTrue(t.tls().toNanos() > 0 && t.connect().toNanos() > 0, security + ": " + t);
                assertTrue(r.roundTrip().count() == 3, r.toString());
            }
        }
    }
}
