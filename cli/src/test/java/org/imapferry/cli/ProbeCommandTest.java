package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.imapferry.engine.probe.ConnectionTimes;
import org.imapferry.engine.probe.ProbeResult;
import org.imapferry.engine.probe.ScratchCleanup;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the command prints and returns for results that need no server to make. */
class ProbeCommandTest {
    private static ProbeResult result(ScratchCleanup scratch, boolean stopped) {
        return new ProbeResult(
                "ann@mail.example:993",
                "ready",
                List.of(),
                new ConnectionTimes(Duration.ofMillis(3), Duration.ofMillis(9), Duration.ofMillis(20)),
                null,
                null,
                0,
                List.of(),
                List.of(),
                0,
                List.of(),
                List.of(),
                scratch,
                stopped,
                List.of());
    }

    private static int report(ProbeResult r, boolean stopped, StringWriter out, StringWriter err) {
        return new ProbeCommand()
                .report(List.of(r), 0, stopped, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aScratchFolderLeftBehindIsNamedLoudlyAndTheRunFails() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = report(
                result(
                        new ScratchCleanup(
                                "imapferry-probe-20261130-224005-abcdef", false, "DELETE failed: NO [INUSE] busy"),
                        false),
                false,
                out,
                err);
        assertEquals(ExitCode.WITH_ERRORS.code(), code);
        assertTrue(
                err.toString()
                        .contains("THE SCRATCH FOLDER \"imapferry-probe-20261130-224005-abcdef\" IS STILL ON"
                                + " ann@mail.example:993"),
                err::toString);
        assertTrue(out.toString().contains("NO: imapferry-probe-20261130-224005-abcdef is still there"), out::toString);
    }

    @Test
    void imapsyncsFormsOfTheEndpointOptionsAreRead() {
        CommandLine.ParseResult parsed = Main.commandLine()
                .parseArgs(
                        "probe",
                        "-host1",
                        "mail.example",
                        "--PORT1=1143",
                        "-user1",
                        "ann",
                        "--nossl1",
                        "--no-tls1",
                        "--fold",
                        "Sent");
        ProbeCommand probe = (ProbeCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals("mail.example", probe.host1.host);
        assertEquals(Integer.valueOf(1143), probe.host1.port);
        assertEquals("ann", probe.host1.user);
        assertEquals(Boolean.FALSE, probe.host1.ssl);
        assertEquals(Boolean.FALSE, probe.host1.tls);
        assertEquals("Sent", probe.folder);
    }

    @Test
    void aStoppedProbeExitsAsStoppedBySignalWhenItCleanedUp() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = report(result(new ScratchCleanup("imapferry-probe-x", true, null), true), true, out, err);
        assertEquals(ExitCode.BY_SIGNAL.code(), code);
        assertTrue(out.toString().contains("(stopped before the end)"), out::toString);
        assertEquals("", err.toString());
    }
}
