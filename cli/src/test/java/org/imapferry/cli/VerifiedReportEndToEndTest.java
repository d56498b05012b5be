package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verify --report FILE}: the report is written after the proof and holds it. */
@DovecotTest
class VerifiedReportEndToEndTest {
    static final String P1 = "Report-src-6512";
    static final String P2 = "Report-dst-1187";

    @TempDir
    Path dir;

    @Test
    void theReportHoldsTheVerificationAndTheProcessExitCode() throws IOException {
        DovecotServer.assumeAvailable();
        try (DovecotServer host1 = DovecotServer.start();
                DovecotServer host2 = DovecotServer.start()) {
            host1.addUser("rita", P1);
            host2.addUser("rita.new", P2);
            Cli.deliver(host1, "rita", "INBOX", "r-1", Set.of("\\Seen"));
            Cli.deliver(host1, "rita", "INBOX", "r-2", Set.of());
            Cli.deliver(host1, "rita", "Sent", "r-3", Set.of("\\Seen"));
            List<String> args = List.of(
                    "--host1",
                    host1.host(),
                    "--port1",
                    String.valueOf(host1.port()),
                    "--user1",
                    "rita",
                    "--password1",
                    P1,
                    "--host2",
                    host2.host(),
                    "--port2",
                    String.valueOf(host2.port()),
                    "--user2",
                    "rita.new",
                    "--password2",
                    P2,
                    "--nolog",
                    "--no-progress",
                    "--verify",
                    "--state",
                    dir.resolve("rita.sqlite").toString());

            Path clean = dir.resolve("clean.json");
            Cli.Run first =
                    Cli.run(Cli.concat(args, "--report", clean.toString())).assertNeverPrinted(P1, P2);
            assertEquals(0, first.code(), first::toString);
            JsonNode report = new ObjectMapper().readTree(clean.toFile());
            assertEquals(first.code(), report.get("exitCode").asInt());
            assertTrue(report.at("/verification/verified").asBoolean(), report::toString);
            assertEquals(3, report.at("/verification/identical").asLong(), report::toString);
            assertEquals(0, report.at("/verification/differences").asLong(), report::toString);
            assertEquals(
                    report.at("/folders").size(),
                    report.at("/verification/foldersChecked").asInt(),
                    report::toString);
            assertTrue(
                    first.out().indexOf("++++ Verification") < first.out().indexOf("JSON report is "), first::toString);

            // A message only the target has: the copy is complete, the proof is not.
            Cli.deliver(host2, "rita.new", "INBOX", "only-on-target", Set.of());
            Path differs = dir.resolve("differs.json");
            Cli.Run second =
                    Cli.run(Cli.concat(args, "--report", differs.toString())).assertNeverPrinted(P1, P2);
            assertEquals(121, second.code(), second::toString);
            report = new ObjectMapper().readTree(differs.toFile());
            assertEquals(121, report.get("exitCode").asInt(), report::toString);
            assertEquals("EXIT_VERIFY_DIFFERENCES", report.get("exitName").asText());
            assertEquals(false, report.at("/verification/verified").asBoolean(), report::toString);
            assertEquals(1, report.at("/verification/differences").asLong(), report::toString);
            assertEquals(
                    1,
                    report.at("/verification/differencesByKind/EXTRA_ON_TARGET").asLong(),
                    report::toString);
            assertEquals(3, report.at("/verification/identical").asLong(), report::toString);
        }
    }
}
