package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search for secrets finds them wherever base64 puts them, so a clean result means something. */
class SecretsTest {
    private static final String SECRET = "Tr0ub4dor&3-horse";

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheSecretBase64EncodedAfterAnyPrefixAndBeforeAnySuffix() {
        Map<String, String> forms = Secrets.forms(null, SECRET);
        for (String prefix : new String[] {"", "a", "ab", "abc", "\0alice\0", "user=bob\u0001auth=Bearer "}) {
            for (String suffix : new String[] {"", "x", "\u0001\u0001"}) {
                String encoded = base64(prefix + SECRET + suffix);
                assertTrue(forms.values().stream().anyMatch(encoded::contains), prefix + "|" + suffix + ": " + encoded);
                String urlEncoded = Base64.getUrlEncoder()
                        .encodeToString((prefix + SECRET + suffix).getBytes(StandardCharsets.UTF_8));
                assertTrue(forms.values().stream().anyMatch(urlEncoded::contains), urlEncoded);
            }
        }
    }

    @Test
    void namesThePayloadsOfTheSaslMechanisms() {
        Map<String, String> forms = Secrets.forms("alice", SECRET);
        assertEquals(base64("\0alice\0" + SECRET), forms.get("AUTHENTICATE PLAIN payload"));
        assertEquals(base64("user=alice\u0001auth=Bearer " + SECRET + "\u0001\u0001"), forms.get("XOAUTH2 payload"));
        assertEquals(SECRET, forms.get("clear"));
    }

    @Test
    void assertAbsentFailsOnAnEncodedSecretAndPassesOnOtherText() {
        String payload = "A1 AUTHENTICATE PLAIN " + base64("admin\0alice\0" + SECRET);
        AssertionError e =
                assertThrows(AssertionError.class, () -> Secrets.assertAbsent("a trace", payload, "alice", SECRET));
        assertTrue(e.getMessage().contains("the secret appears in a trace (base64 at offset"), e.getMessage());
        Secrets.assertAbsent("a trace", "A1 AUTHENTICATE PLAIN <redacted>", "alice", SECRET);
    }

    @Test
    void refusesSecretsTooShortToSearchFor() {
        assertThrows(IllegalArgumentException.class, () -> Secrets.forms("alice", "pw"));
    }
}
