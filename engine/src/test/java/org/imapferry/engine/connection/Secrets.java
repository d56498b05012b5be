package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Searches for a secret in every form it could leak in, not only in clear: the base64 a SASL
 * exchange carries it in (AUTHENTICATE PLAIN, XOAUTH2, OAUTHBEARER) and hex, the way a dump shows
 * bytes. A secret inside any base64 text shows there as one of three strings, one for each of its
 * alignments to the 3-byte groups of base64 (less the characters that mix in its neighbours), so
 * searching for those three finds it in any payload, whatever surrounds it: an OAUTHBEARER payload
 * too, whose host and port a search cannot know.
 */
public final class Secrets {
    /** Shorter secrets have alignment forms of a few characters that any text may contain. */
    static final int MIN_LENGTH = 8;

    private Secrets() {}

    /** Each form of the secret, named: "clear", "base64 at offset 1", "PLAIN payload"... */
    public static Map<String, String> forms(String user, String secret) {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a secret to search for needs at least " + MIN_LENGTH
                    + " characters, or its base64 forms match by chance");
        }
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("clear", secret);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            forms.put("base64 at offset " + offset, aligned(Base64.getEncoder(), bytes, offset));
            forms.put("base64url at offset " + offset, aligned(Base64.getUrlEncoder(), bytes, offset));
        }
        forms.put("hex", HexFormat.of().formatHex(bytes));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
        if (user != null) {
            forms.put("AUTHENTICATE PLAIN payload", base64("\0" + user + "\0" + secret));
            forms.put("AUTHENTICATE PLAIN payload with authzid", base64(user + "\0" + user + "\0" + secret));
            forms.put("XOAUTH2 payload", base64("user=" + user + "\u0001auth=Bearer " + secret + "\u0001\u0001"));
        }
        return forms;
    }

    /** Fails, naming the form and where, when the text holds the secret in any form. */
    public static void assertAbsent(String where, String text, String user, String secret) {
        for (Map.Entry<String, String> form : forms(user, secret).entrySet()) {
            assertFalse(
                    text.contains(form.getValue()),
                    "the secret appears in " + where + " (" + form.getKey() + ": " + form.getValue() + "):\n" + text);
        }
    }

    static void assertNamesAccountWithoutPassword(Throwable e, String user, String host, String password) {
        assertTrue(e.getMessage().contains(user), e.getMessage());
        assertTrue(e.getMessage().contains(host), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertAbsent("a message", String.valueOf(t.getMessage()), user, password);
            assertAbsent("an exception", t.toString(), user, password);
            for (Throwable suppressed : t.getSuppressed()) {
                assertAbsent("a suppressed exception", suppressed.toString(), user, password);
            }
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertAbsent("the printed stack trace", trace.toString(), user, password);
    }

    /**
     * The base64 characters that depend only on the secret's bytes when it starts {@code offset}
     * bytes into a 3-byte group: the first group's characters that hold bits of the bytes before
     * it and the last partial character are cut off.
     */
    private static String aligned(Base64.Encoder encoder, byte[] secret, int offset) {
        byte[] padded = new byte[offset + secret.length];
        System.arraycopy(secret, 0, padded, offset, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(padded);
        int start = (offset * 8 + 5) / 6;
        int end = padded.length * 8 / 6;
        return encoded.substring(start, end);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
