package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Assertions that an error names the account and never shows its password. */
final class Secrets {
    private Secrets() {
    }

    static void assertNamesAccountWithoutPassword(Throwable e, String user, String host, String password) {
        assertTrue(e.getMessage().contains(user), e.getMessage());
        assertTrue(e.getMessage().contains(host), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(password), t.toString());
            assertFalse(t.toString().contains(password), t.toString());
            for (Throwable suppressed : t.getSuppressed()) {
                assertFalse(suppressed.toString().contains(password), suppressed.toString());
            }
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(password), "the printed stack trace shows the password");
    }
}
