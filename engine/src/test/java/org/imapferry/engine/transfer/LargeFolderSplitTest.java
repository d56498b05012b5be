package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.CuttingProxy;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.testserver.RawImap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One folder large enough to be cut by UID range, on Dovecot and on GreenMail: its slices are
 * copied by the run's other connection pairs, and what arrives is exactly what one pair alone would have copied, also when
 * a helper's connection drops in the middle of its slice.
 */
@DovecotTest
class LargeFolderSplitTest {
    private static final int MESSAGES = 2_500;
    private static final Pattern SPLIT =
            Pattern.compile("split by UID range into (\\d+) slices; (\\d+) copied by" + " other connection pairs");

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;
    private static GreenMailServer greenMail;

    @BeforeAll
    static void seed() {
        dovecot = DOVECOT.server();
        for (String user : List.of("big", "split", "alone", "cut", "fromgreen")) {
            dovecot.addUser(user, Migrations.PASSWORD);
        }
        greenMail = GreenMailServer.start();
        greenMail.addUser("big", Migrations.PASSWORD);
        Instant date = Instant.parse("2021-06-07T08:09:10Z");
        String filler = "x".repeat(70) + "\n";
        for (int i = 0; i < MESSAGES; i++) {
            // Every 100th message is an exact duplicate of the one before: both must arrive.
            int id = i % 100 == 99 ? i - 1 : i;
            String text = "Message-ID: <big" + id + "@x>\nFrom: a@x\nSubject: number " + id + "\n\n"
                    + filler.repeat(20 + id % 17);
            Set<String> flags = switch (i % 4) {
                case 0 -> Set.of("\\Seen");
                case 1 -> Set.of("\\Seen", "\\Flagged", "$Work");
                case 2 -> Set.of("\\Answered");
                default -> Set.of();
            };
            dovecot.deliver("big", "Archive/2020", AwkwardAccount.crlf(text), flags, date.plusSeconds(id));
            greenMail.deliver("big", "Archive", AwkwardAccount.crlf(text), flags, date.plusSeconds(id));
        }
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.close();
        }
    }

    private static SyncOptions options(String target, int connections) {
        return options(Migrations.endpoint(dovecot.host(), dovecot.port(), "big"), "Archive/2020", target, connections);
    }

    private static SyncOptions options(Endpoint source, String folder, String target, int connections) {
        SyncOptions defaults =
                SyncOptions.defaults(source, Migrations.endpoint(dovecot.host(), dovecot.port(), target));
        // The large folder alone (Dovecot also has its special-use folders): the pairs that are
        // not copying it have nothing to do but take its slices.
        SyncOptions.Folders f = defaults.folders();
        return defaults.withFolders(new SyncOptions.Folders(
                        List.of(folder),
                        f.folderRec(),
                        f.include(),
                        f.exclude(),
                        f.subscribedOnly(),
                        f.regextrans2(),
                        f.f1f2(),
                        f.automap(),
                        f.sep1(),
                        f.sep2(),
                        f.prefix1(),
                        f.prefix2(),
                        f.skipEmptyFolders()))
                .withConnections(connections);
    }

    /** The slice note of the one folder: {slices, slices copied by other pairs}, or null if it was not split. */
    private static int[] split(SyncReport report) {
        return split(report, "Archive/2020");
    }

    private static int[] split(SyncReport report, String source) {
        for (String note : folder(report, source).notes()) {
            Matcher m = SPLIT.matcher(note);
            if (m.matches()) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        }
        return null;
    }

    private static SyncReport.FolderReport folder(SyncReport report) {
        return folder(report, "Archive/2020");
    }

    private static SyncReport.FolderReport folder(SyncReport report, String source) {
        return report.folders().stream()
                .filter(f -> f.source().equals(source))
                .findFirst()
                .orElseThrow();
    }

    private static void assertSameAsSource(String target) throws IOException {
        Map<String, List<RawImap.Message>> source = Migrations.snapshot(dovecot.host(), dovecot.port(), "big");
        Map<String, List<RawImap.Message>> copy = Migrations.snapshot(dovecot.host(), dovecot.port(), target);
        assertEquals(MESSAGES, source.get("Archive/2020").size());
        Migrations.assertSameMessages("Archive/2020", source.get("Archive/2020"), copy.get("Archive/2020"));
    }

    @Test
    void slicesOfOneFolderAreCopiedByTheOtherPairs(@TempDir Path dir) throws IOException {
        SyncOptions options = options("split", 3).withStateFile(dir.resolve("state.db"));
        SyncReport report = Migrations.runClean(options);
        assertEquals(MESSAGES, report.copied(), () -> Migrations.describe(report));
        int[] split = split(report);
        assertTrue(split != null && split[0] >= 3 && split[1] >= 1, () -> Migrations.describe(report));
        // The control pair, the folder's pair, and at least one helper pair.
        assertTrue(report.connectionsUsed() >= 6, () -> "connections used: " + report.connectionsUsed());
        assertSameAsSource("split");
        Migrations.verify(options);

        SyncReport again = Migrations.runClean(options);
        assertEquals(0, again.copied(), () -> Migrations.describe(again));
        assertSameAsSource("split");
    }

    @Test
    void aGreenMailSourceIsSplitToo() {
        SyncOptions options =
                options(Migrations.endpoint(greenMail.host(), greenMail.port(), "big"), "Archive", "fromgreen", 3);
        SyncReport report = Migrations.runClean(options);
        assertEquals(MESSAGES, report.copied(), () -> Migrations.describe(report));
        int[] split = split(report, "Archive");
        assertTrue(split != null && split[1] >= 1, () -> Migrations.describe(report));
        assertEquals(MESSAGES, Migrations.verify(options).identical());
    }

    @Test
    void onePairCopiesTheSameWithoutSplitting() throws IOException {
        SyncReport report = Migrations.runClean(options("alone", 1));
        assertEquals(MESSAGES, report.copied(), () -> Migrations.describe(report));
        assertEquals(null, split(report), () -> Migrations.describe(report));
        assertEquals(4, report.connectionsUsed());
        assertSameAsSource("alone");
    }

    @Test
    void aHelperLosingItsConnectionCostsARetryOfTheFolderNotADuplicate() throws IOException {
        // Source connections in the order they open: the control pair's, the folder's pair's (the
        // only folder), then the helpers'. The first helper loses its connection 400 KB into its
        // slice of about 1.9 MB.
        try (CuttingProxy proxy = CuttingProxy.cuttingConnection(dovecot.host(), dovecot.port(), 3, 400_000)) {
            SyncOptions options = options("cut", 3);
            SyncOptions viaProxy = new SyncOptions(
                    Migrations.endpoint(dovecot.host(), proxy.port(), "big"),
                    options.target(),
                    options.folders(),
                    options.messages(),
                    options.modes(),
                    options.pace(),
                    options.connections(),
                    options.reconnectMax(),
                    options.stateFile());
            SyncReport report = Migrations.runClean(viaProxy);
            assertTrue(proxy.hasCut(), "the helper's connection was cut");
            // The APPENDs answered before the cut count as copied, the rest come in the retry.
            assertEquals(MESSAGES, report.copied(), () -> Migrations.describe(report));
            assertEquals(0, report.skipped(), () -> Migrations.describe(report));
            // A lost session is opened again only when its pair takes more work: the pair that
            // takes the folder again may be one whose sessions still stand. The target session
            // goes with the source when the cut falls inside a message (its APPEND is left open).
            assertTrue(report.reconnections().host1() <= 1, report::toString);
            assertTrue(report.reconnections().host2() <= report.reconnections().host1(), report::toString);
            assertTrue(
                    folder(report).notes().stream().anyMatch(n -> n.startsWith("copied in more than one attempt")),
                    () -> Migrations.describe(report));
        }
        assertSameAsSource("cut");
    }
}
