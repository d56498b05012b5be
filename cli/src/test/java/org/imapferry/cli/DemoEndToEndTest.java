package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code imapferry demo}: two embedded servers, the migration through the real command, then its proof. */
class DemoEndToEndTest {
    @Test
    void demoReportsAVerifiedCopy() {
        Cli.Run run = Cli.run("demo", "--no-progress", "--attachment-mib", "2")
                .assertNeverPrinted("alice-secret", "new-secret");
        assertEquals(0, run.code(), run::toString);
        for (String label : new String[] {
            "++++ Statistics",
            "Transfer time",
            "Folders synced",
            "Messages transferred",
            "Total bytes transferred",
            "Biggest message transferred",
            "Detected 0 errors",
            "Exiting with return value 0 (EX_OK)",
            "++++ Verification",
            "Messages identical"
        }) {
            assertTrue(run.out().contains(label), () -> "missing '" + label + "':\n" + run);
        }
        assertTrue(run.out().contains("--password1 MASKED"), run::toString);
        assertTrue(run.out().contains("The sync is complete"), run::toString);
        assertTrue(run.out().contains("The copy is verified"), run::toString);
        assertTrue(!run.out().matches("(?s).*Messages transferred\\s*: 0\\n.*"), "the demo copied nothing:\n" + run);
        assertEquals("", run.err(), run::toString);
    }
}
