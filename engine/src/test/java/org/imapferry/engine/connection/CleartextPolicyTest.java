package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

class CleartextPolicyTest {

    private static Endpoint endpoint(String host, boolean allowCleartext) {
        return new Endpoint(
                host,
                143,
                Endpoint.Security.PLAIN,
                "alice",
                Secret.of("pw-123-clear"),
                null,
                null,
                null,
                null,
                true,
                allowCleartext,
                null,
                Duration.ofSeconds(5),
                false);
    }

    @Test
    void loopbackHostsMayReceiveCleartext() {
        for (String host : new String[] {"127.0.0.1", "127.9.8.7", "::1", "[::1]", "localhost", "LOCALHOST"}) {
            assertDoesNotThrow(() -> CleartextPolicy.checkCredentialsMayBeSent(endpoint(host, false), false), host);
        }
    }

    @Test
    void remoteHostsAreRefusedWithAHelpfulMessage() {
        CleartextPolicy.Refused e = assertThrows(
                CleartextPolicy.Refused.class,
                () -> CleartextPolicy.checkCredentialsMayBeSent(endpoint("192.0.2.7", false), false));
        assertTrue(e.getMessage().contains("192.0.2.7"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-cleartext"), e.getMessage());
        assertTrue(e.getMessage().contains("--ssl") && e.getMessage().contains("--tls"), e.getMessage());
        Secrets.assertAbsent("the refusal", e.getMessage(), "alice", "pw-123-clear");
    }

    @Test
    void tlsOrExplicitPermissionAllowsRemoteHosts() {
        assertDoesNotThrow(() -> CleartextPolicy.checkCredentialsMayBeSent(endpoint("192.0.2.7", false), true));
        assertDoesNotThrow(() -> CleartextPolicy.checkCredentialsMayBeSent(endpoint("192.0.2.7", true), false));
    }

    @Test
    void unresolvableNamesAreNotLoopback() {
        assertFalse(CleartextPolicy.isLoopback("no-such-host.invalid"));
        assertFalse(CleartextPolicy.isLoopback("10.0.0.1"));
    }
}
