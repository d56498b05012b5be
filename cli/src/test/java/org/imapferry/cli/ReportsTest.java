package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.SyncReport.AccountSize;
import org.imapferry.engine.SyncReport.FolderReport;
import org.imapferry.engine.SyncReport.FolderSize;
import org.imapferry.engine.SyncReport.Kind;
import org.imapferry.engine.SyncReport.Mode;
import org.imapferry.engine.SyncReport.PlannedFolder;
import org.imapferry.engine.SyncReport.SyncError;
import org.imapferry.engine.SyncReport.TargetFolder;
import org.imapferry.engine.connection.Secrets;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    static final Instant T0 = Instant.parse("2025-07-17T10:00:00Z");
    static final ProcessFacts FACTS = new ProcessFacts(20.0, 40.0, 64.0, 0.5, 4, 3.0, 10.0);

    static SyncReport report(List<SyncError> errors, long failed, boolean aborted) {
        return report(errors, failed, aborted, false, Mode.COPY);
    }

    static SyncReport report(List<SyncError> errors, long failed, boolean aborted, Mode mode) {
        return report(errors, failed, aborted, false, mode);
    }

    static SyncReport report(List<SyncError> errors, long failed, boolean aborted, boolean stopped) {
        return report(errors, failed, aborted, stopped, Mode.COPY);
    }

    static SyncReport report(List<SyncError> errors, long failed, boolean aborted, boolean stopped, Mode mode) {
        FolderReport inbox = new FolderReport(
                "INBOX", "INBOX", 10, 10_000, 8, 8_000, 2, 1, 0, 0, false, Duration.ofSeconds(5), List.of());
        FolderReport sent = new FolderReport(
                "Sent", "Sent Items", 4, 4_000, 4, 4_000, 0, 0, 0, failed, true, Duration.ofSeconds(5), List.of());
        List<PlannedFolder> plan = List.of(
                new PlannedFolder(
                        "INBOX",
                        "INBOX",
                        List.of(),
                        TargetFolder.EXISTED,
                        new FolderSize(10, 10_000),
                        new FolderSize(10, 10_000)),
                new PlannedFolder(
                        "Sent",
                        "Sent Items",
                        List.of("regextrans2: Sent -> Sent Items"),
                        TargetFolder.CREATED,
                        new FolderSize(4, 4_000),
                        new FolderSize(4 - failed, 4_000)));
        return new SyncReport(
                T0,
                T0.plusSeconds(10),
                List.of(inbox, sent),
                errors,
                new AccountSize(14, 14_000, 2),
                new AccountSize(2, 2_000, 1),
                new AccountSize(14 - failed, 14_000, 2),
                6,
                new SyncReport.Reconnections(1, 0),
                3,
                aborted,
                stopped,
                mode,
                plan,
                List.of());
    }

    static String print(SyncReport r) {
        return new StatisticsPrinter(ZoneOffset.UTC).print(r, new StatisticsPrinter.Context(50, 4096, FACTS));
    }

    @Test
    void folderOrAccountErrorsNeverLookGood() {
        String s = print(report(
                List.of(new SyncError(SyncReport.Kind.TRANSFER, "Archive", 0, "the connection was closed")), 0, false));
        assertFalse(s.contains("The sync looks good"), s);
        assertTrue(
                s.contains("The sync is not finished: 1 error listed below stopped a whole folder or the account,"
                        + " whose messages are not counted here."),
                s);
        String perMessage = print(report(List.of(new SyncError(SyncReport.Kind.APPEND, "Sent", 7, "NO")), 1, false));
        assertTrue(
                perMessage.contains("The sync is not finished, there are 1 among 14 identified messages"), perMessage);
    }

    @Test
    void aFolderStoppedBeforeItsPlanSkippedNoBytes() {
        FolderReport stopped =
                new FolderReport("INBOX", "INBOX", 909, 90_900, 0, 0, 0, 0, 0, 0, false, Duration.ZERO, List.of());
        FolderReport partly = new FolderReport(
                "Sent",
                "Sent",
                10,
                1_000,
                4,
                400,
                2,
                0,
                0,
                0,
                false,
                Duration.ZERO,
                List.of(),
                new SyncReport.Planned(8, 800, 0, 0),
                false,
                true);
        SyncReport r = new SyncReport(
                T0,
                T0.plusSeconds(10),
                List.of(stopped, partly),
                List.of(),
                new AccountSize(919, 91_900, 2),
                AccountSize.UNKNOWN,
                AccountSize.UNKNOWN,
                2,
                SyncReport.Reconnections.NONE,
                0,
                false,
                true,
                Mode.COPY,
                List.of(),
                List.of());
        String s = print(r);
        // Of Sent, the 2 skipped messages' 200 bytes; the 4 never reached are not skipped.
        assertTrue(s.contains("Total bytes skipped                     : 200 (0.195 KiB)\n"), s);
    }

    @Test
    void imapsyncLabelsAndPadding() {
        String s = print(report(List.of(), 0, false));
        List<String> lines = s.lines().toList();
        assertEquals(
                List.of("++++ Folder mapping", "regextrans2: Sent -> Sent Items", "++++ Statistics"),
                lines.subList(0, 3));
        assertTrue(
                lines.contains(
                        "Transfer started on                     : Thursday 17 July 2025-07-17 10:00:00 +0000 Z"),
                s);
        assertTrue(lines.contains("Transfer time                           : 10.0 sec"), s);
        assertTrue(lines.contains("Folders synced                          : 2/2 synced"), s);
        assertTrue(lines.contains("Messages transferred                    : 12"), s);
        assertTrue(lines.contains("Messages skipped                        : 2"), s);
        assertTrue(lines.contains("Messages found in host1 not in host2    : 0 messages"), s);
        assertTrue(lines.contains("Messages found in host2 not in host1    : 0 messages"), s);
        assertTrue(lines.contains("Total bytes transferred                 : 12000 (11.719 KiB)"), s);
        assertTrue(lines.contains("Total bytes skipped                     : 2000 (1.953 KiB)"), s);
        assertTrue(lines.contains("Message rate                            : 1.2 messages/s"), s);
        assertTrue(lines.contains("Average bandwidth rate                  : 1.2 KiB/s"), s);
        assertTrue(lines.contains("Biggest message transferred             : 4096 bytes (4.000 KiB)"), s);
        assertTrue(
                lines.contains("Start difference host2 - host1          : -12 messages, -12000 bytes (-11.719 KiB)"),
                s);
        assertTrue(lines.contains("Final difference host2 - host1          : 0 messages, 0 bytes (0.000 KiB)"), s);
        assertTrue(lines.contains("Connections used                        : 6"), s);
        assertTrue(lines.contains("Reconnections to host1                  : 1"), s);
        assertTrue(lines.contains("Reconnections to host2                  : 0"), s);
        assertTrue(lines.contains("Messages found duplicate on host1       : NA"), s);
        assertTrue(lines.contains("Messages void (noheader) on host2       : NA"), s);
        assertTrue(lines.contains("Messages copied without a Message-ID    : 3"), s);
        assertTrue(lines.contains("Differences found by the final check    : 0"), s);
        assertTrue(lines.contains("The sync looks good, all 14 identified messages in host1 are on host2."), s);
        assertTrue(lines.contains("The sync is strict, all 14 identified messages in host2 are on host1."), s);
        assertTrue(lines.contains("Detected 0 errors"), s);
        assertTrue(lines.contains("The sync is complete: every selected message of host1 is on host2."), s);
        for (String line : lines) {
            if (line.length() > 41 && line.charAt(40) == ':') {
                assertEquals(' ', line.charAt(41), line);
            }
        }
    }

    @Test
    void closingSentencesWithErrors() {
        SyncReport r = report(
                List.of(
                        new SyncError(Kind.APPEND, "Sent", 7, "NO [LIMIT] too big"),
                        new SyncError(Kind.APPEND, "Sent", 8, "NO [LIMIT] too big")),
                2,
                false);
        String s = print(r);
        assertTrue(s.contains("Messages found in host1 not in host2    : 2 messages\n"), s);
        assertTrue(
                s.contains(
                        "The sync is not finished, there are 2 among 14 identified messages in host1 that are not on host2."),
                s);
        assertTrue(s.contains("Detected 2 errors\n"), s);
        assertTrue(s.contains("Err 1/2: APPEND folder Sent UID 7: NO [LIMIT] too big"), s);
        assertTrue(s.contains("The sync is NOT complete: it finished with 2 errors and 2 messages not copied."), s);
        assertTrue(s.contains("Folders synced                          : 1/2 synced"), s);
    }

    @Test
    void dryMode() {
        FolderReport inbox = new FolderReport(
                "INBOX",
                "INBOX",
                15,
                15_000,
                0,
                0,
                3,
                0,
                0,
                0,
                false,
                Duration.ofSeconds(5),
                List.of(),
                new SyncReport.Planned(12, 12_000, 0, 0));
        SyncReport dry = new SyncReport(
                T0,
                T0.plusSeconds(10),
                List.of(inbox),
                List.of(),
                new AccountSize(15, 15_000, 1),
                new AccountSize(3, 3_000, 1),
                new AccountSize(3, 3_000, 1),
                2,
                SyncReport.Reconnections.NONE,
                0,
                false,
                false,
                Mode.DRY_RUN,
                List.of(),
                List.of());
        String s = print(dry);
        assertTrue(s.contains("Messages transferred                    : 0 (could be 12 without dry mode)\n"), s);
        assertTrue(s.contains("Dry run: nothing was changed."), s);
        // Only the 3 messages already on host2 are skipped; the 12 it would copy are not.
        assertTrue(s.contains("Total bytes skipped                     : 3000 (2.930 KiB)\n"), s);
        assertTrue(s.contains("Total bytes transferred                 : 0 (0.000 KiB)\n"), s);
    }

    @Test
    void exitCodes() {
        assertEquals(ExitCode.OK, ExitCode.of(report(List.of(), 0, false)));
        assertEquals(
                ExitCode.ERR_APPEND,
                ExitCode.of(report(
                        List.of(
                                new SyncError(Kind.APPEND, "Sent", 7, "x"),
                                new SyncError(Kind.APPEND, "Sent", 8, "x"),
                                new SyncError(Kind.FLAGS, "Sent", 9, "x")),
                        2,
                        false)));
        assertEquals(
                ExitCode.WITH_ERRORS, ExitCode.of(report(List.of(new SyncError(Kind.OTHER, null, 0, "x")), 0, false)));
        assertEquals(ExitCode.WITH_ERRORS, ExitCode.of(report(List.of(), 1, false)));
        assertEquals(
                ExitCode.WITH_ERRORS_MAX,
                ExitCode.of(report(List.of(new SyncError(Kind.APPEND, "Sent", 7, "x")), 1, true)));
        assertEquals(
                ExitCode.AUTHENTICATION_FAILURE_USER1,
                ExitCode.of(report(
                        List.of(new SyncError(Kind.AUTHENTICATION_SOURCE, null, 0, "NO [AUTHENTICATIONFAILED]")),
                        0,
                        true)));
        assertEquals(
                162,
                ExitCode.of(report(List.of(new SyncError(Kind.AUTHENTICATION_TARGET, null, 0, "x")), 0, true))
                        .code());
        assertEquals(
                101,
                ExitCode.of(report(List.of(new SyncError(Kind.CONNECTION_SOURCE, null, 0, "refused")), 0, true))
                        .code());
        assertEquals(
                102,
                ExitCode.of(report(List.of(new SyncError(Kind.CONNECTION_TARGET, null, 0, "x")), 0, true))
                        .code());
        assertEquals(
                12,
                ExitCode.of(report(List.of(new SyncError(Kind.TLS, null, 0, "x")), 0, true))
                        .code());
        assertEquals(
                113,
                ExitCode.of(report(List.of(new SyncError(Kind.OVER_QUOTA, "INBOX", 1, "x")), 1, false))
                        .code());
        assertEquals(
                116,
                ExitCode.of(report(List.of(new SyncError(Kind.FOLDER_CREATE, "Sent", 0, "x")), 0, false))
                        .code());
        assertEquals(64, ExitCode.USAGE.code());
        assertEquals(111, ExitCode.WITH_ERRORS.code());
        assertTrue(StatisticsPrinter.verdict(report(List.of(new SyncError(Kind.APPEND, "Sent", 7, "x")), 1, true))
                .contains("stopped after 1 errors (--errorsmax)"));
    }

    @Test
    void aRunStoppedBySignalSaysSoAndExitsWithSix(@TempDir Path dir) throws Exception {
        SyncReport stopped = report(List.of(), 2, false, true);
        assertEquals(ExitCode.BY_SIGNAL, ExitCode.of(stopped));
        assertEquals(6, ExitCode.BY_SIGNAL.code());
        assertFalse(stopped.complete());
        String s = print(stopped);
        assertTrue(s.matches("(?s).*\nMessages not copied \\(run stopped\\) +: 2\n.*"), s);
        assertFalse(s.contains("Messages failed"), s);
        assertTrue(
                s.contains("The sync was interrupted by a signal and is NOT complete: 12 messages were copied"
                        + " before it stopped."),
                s);
        // Interrupted after everything was copied: still no claim that the run completed.
        assertEquals(ExitCode.BY_SIGNAL, ExitCode.of(report(List.of(), 0, false, true)));
        Path file = dir.resolve("report.json");
        JsonReportWriter w = new JsonReportWriter();
        w.write(file, OptionParsingTest.options(), stopped, Optional.empty(), ExitCode.of(stopped));
        JsonNode n = w.mapper().readTree(file.toFile());
        assertTrue(n.get("interrupted").asBoolean());
        assertEquals(6, n.get("exitCode").asInt());
        assertEquals("EXIT_BY_SIGNAL", n.get("exitName").asText());
    }

    @Test
    void bytesDisplay() {
        assertEquals("0.000 KiB", StatisticsPrinter.bytesDisplay(0));
        assertEquals("976.562 KiB", StatisticsPrinter.bytesDisplay(1_000_000));
        assertEquals("1.000 MiB", StatisticsPrinter.bytesDisplay(1024 * 1024 + 0));
        assertEquals("3.900 GiB", StatisticsPrinter.bytesDisplay((long) (3.9 * 1024 * 1024 * 1024)));
    }

    @Test
    void jsonReportRoundTripHasNoPassword(@TempDir Path dir) throws Exception {
        SyncOptions options = OptionParsingTest.options("--exclude", "Trash");
        SyncReport r = report(List.of(new SyncError(Kind.APPEND, "Sent", 7, "NO too big")), 1, false);
        Path file = dir.resolve("out/report.json");
        JsonReportWriter w = new JsonReportWriter();
        w.write(file, options, r, Optional.empty(), ExitCode.of(r));
        String text = Files.readString(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        Secrets.assertAbsent("the JSON report", text, "src-user", OptionParsingTest.PW1);
        Secrets.assertAbsent("the JSON report", text, "dst-user", OptionParsingTest.PW2);
        JsonNode n = w.mapper().readTree(text);
        assertEquals("src-host", n.at("/source/host").asText());
        assertEquals("TLS", n.at("/source/security").asText());
        assertEquals(114, n.get("exitCode").asInt());
        assertEquals("COPY", n.get("mode").asText());
        assertEquals(12, n.at("/totals/copied").asLong());
        assertEquals(1, n.at("/totals/failed").asLong());
        assertEquals("Sent Items", n.at("/folders/1/target").asText());
        assertEquals("APPEND", n.at("/errors/0/kind").asText());
        assertEquals(7, n.at("/errors/0/uid").asLong());
        assertFalse(n.get("complete").asBoolean());
        assertTrue(n.path("verification").isMissingNode(), text);
    }

    @Test
    void jsonReportCarriesTheVerificationAndTheFinalExitCode(@TempDir Path dir) throws Exception {
        SyncOptions options = OptionParsingTest.options();
        SyncReport r = report(List.of(), 0, false);
        VerifyReport verified = new VerifyReport(
                List.of(
                        new VerifyReport.FolderResult(
                                "INBOX",
                                "INBOX",
                                10,
                                11,
                                10,
                                List.of(new VerifyReport.Difference(
                                        VerifyReport.Kind.EXTRA_ON_TARGET, 0, 11, "Hello", "300 bytes"))),
                        new VerifyReport.FolderResult("Sent", "Sent Items", 4, 4, 4, List.of())),
                List.of());
        Path file = dir.resolve("report.json");
        JsonReportWriter w = new JsonReportWriter();
        w.write(file, options, r, Optional.of(verified), ExitCode.VERIFY_DIFFERENCES);
        JsonNode n = w.mapper().readTree(file.toFile());
        assertEquals(121, n.get("exitCode").asInt());
        assertFalse(n.at("/verification/verified").asBoolean());
        assertEquals(2, n.at("/verification/foldersChecked").asInt());
        assertEquals(14, n.at("/verification/identical").asLong());
        assertEquals(1, n.at("/verification/differences").asLong());
        assertEquals(1, n.at("/verification/differencesByKind/EXTRA_ON_TARGET").asLong());
        assertEquals(
                0, n.at("/verification/differencesByKind/MISSING_ON_TARGET").asLong());
    }

    @Test
    void plainProgressLines() {
        long[] now = {0};
        java.io.StringWriter sw = new java.io.StringWriter();
        ProgressView v =
                new ProgressView(new java.io.PrintWriter(sw), false, false, Duration.ofSeconds(5), () -> now[0]);
        v.planned(4, 4096);
        v.folderStarted("INBOX", "INBOX", 4, 4096);
        now[0] = 1_000_000_000L;
        v.messageCopied("INBOX", 1024);
        now[0] = 6_000_000_000L;
        v.messageCopied("INBOX", 2048);
        v.messageCopied("INBOX", 512);
        v.close();
        String s = sw.toString();
        assertTrue(s.contains("Selected on host1: 4 messages, 4.000 KiB"), s);
        assertTrue(s.contains("2/4 msgs, 3.000 KiB/4.000 KiB"), s);
        assertEquals(3, s.lines().count(), s);
        assertEquals(2048, v.biggestMessage());
    }

    @Test
    void cpuIsTheRunsShareOfOneAndOfAllCpus() {
        assertEquals(
                "6.00 sec 150.0 %cpu 75.0 %allcpus", StatisticsPrinter.cpu(new ProcessFacts(1, 1, 1, 0, 2, 6.0, 4.0)));
        assertEquals("NA", StatisticsPrinter.cpu(new ProcessFacts(1, 1, 1, 0, 2, -1, 4.0)));
    }

    @Test
    void measuredCpuNeverExceedsAllCpus() {
        // The JVM's start-up CPU is behind us: only what is spent after the start counts.
        ProcessFacts.Start start = ProcessFacts.Start.now();
        long until = System.nanoTime() + 200_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }
        ProcessFacts facts = ProcessFacts.since(start);
        assertTrue(spin > 0);
        assertTrue(facts.wallSeconds() >= 0.2, facts::toString);
        assertTrue(facts.cpuSeconds() <= facts.wallSeconds() * facts.cores() + 0.05, facts::toString);
    }

    @Test
    void unknownSizesAreNotShownAsNegative() {
        java.io.StringWriter sw = new java.io.StringWriter();
        ProgressView v = new ProgressView(new java.io.PrintWriter(sw), false, false, Duration.ofSeconds(5), () -> 0L);
        v.planned(66, -1);
        v.close();
        assertEquals(
                "Selected on host1: 66 messages, size unknown\n", sw.toString().replace(System.lineSeparator(), "\n"));
        SyncReport r = report(List.of(), 0, false);
        SyncReport unknownBytes = new SyncReport(
                r.started(),
                r.finished(),
                r.folders(),
                r.errors(),
                new AccountSize(14, -1, 2),
                new AccountSize(2, -1, 1),
                new AccountSize(14, -1, 2),
                6,
                r.reconnections(),
                0,
                false,
                false,
                Mode.COPY,
                List.of(),
                List.of());
        String s = print(unknownBytes);
        assertTrue(s.contains("Final difference host2 - host1          : 0 messages, bytes NA\n"), s);
    }
}
