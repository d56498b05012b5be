package org.imapferry.engine.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.Test;

/** A probe against GreenMail: another server's figures, the same promises. */
class ProbeGreenMailTest {
    @Test
    void readsAndWritesAreMeasuredAndTheAccountIsLeftAsItWas() {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("gina", "pw");
            Instant date = Instant.parse("2023-01-02T03:04:05Z");
            for (int i = 0; i < 12; i++) {
                server.deliver(
                        "gina",
                        "Projects",
                        ProbeDovecotTest.message(i, 5000),
                        i % 2 == 0 ? Set.of("\\Seen") : Set.of("\\Flagged"),
                        date);
            }
            server.deliver("gina", "INBOX", ProbeDovecotTest.message(99, 500), Set.of(), date);
            Endpoint endpoint = Endpoint.plain(server.host(), server.port(), "gina", Secret.of("pw"));
            Map<String, List<RawImap.Summary>> before = snapshot(endpoint);

            ProbeResult r = new Prober(
                            ProbeOptions.readOnly(endpoint)
                                    .withWrite()
                                    .withRoundTrips(5)
                                    .withConnections(2, 2)
                                    .withBudgets(
                                            PhaseBudget.READ, new PhaseBudget(1_000_000L, 20, Duration.ofSeconds(20))),
                            ProbeListener.NONE,
                            new ProbeStop())
                    .run();

            assertEquals(before, snapshot(endpoint), "flags, folders or the scratch folder changed");
            assertEquals("Projects", r.folder(), "the folder with the most messages is read");
            assertEquals(12, r.folderMessages());
            assertEquals(2, r.reads().size(), r.notes().toString());
            for (Throughput t : r.reads()) {
                assertEquals(12, t.messages(), t.toString());
                assertTrue(t.bytes() >= 12 * 5000 && t.megabytesPerSecond() > 0, t.toString());
            }
            assertEquals(2, r.writes().size(), r.notes().toString());
            for (Throughput t : r.writes()) {
                assertTrue(t.messages() > 0 && t.bytes() <= 1_000_000L && t.messagesPerSecond() > 0, t.toString());
            }
            assertTrue(r.scratch().deleted(), r.scratch().toString());
            assertEquals(2, r.largestConnections());
        }
    }

    @Test
    void aNamedFolderThatIsNotThereIsRefusedAndNothingIsWritten() {
        try (GreenMailServer server = GreenMailServer.start()) {
            server.addUser("gina", "pw");
            Endpoint endpoint = Endpoint.plain(server.host(), server.port(), "gina", Secret.of("pw"));
            Map<String, List<RawImap.Summary>> before = snapshot(endpoint);

            ReadFolderMissing e = assertThrows(
                    ReadFolderMissing.class,
                    () -> new Prober(
                                    ProbeOptions.readOnly(endpoint)
                                            .withFolder("Nowhere")
                                            .withWrite(),
                                    ProbeListener.NONE,
                                    new ProbeStop())
                            .run());

            assertEquals("Nowhere", e.folder());
            assertTrue(
                    e.getMessage().startsWith(endpoint.describe() + " has no folder \"Nowhere\" to read: "),
                    e.getMessage());
            assertEquals(before, snapshot(endpoint), "a refused probe made no scratch folder");
        }
    }

    private static Map<String, List<RawImap.Summary>> snapshot(Endpoint endpoint) {
        Map<String, List<RawImap.Summary>> all = new TreeMap<>();
        try (RawImap probe = RawImap.login(endpoint)) {
            for (String folder : probe.folders()) {
                all.put(folder, probe.messages(folder));
            }
        }
        return all;
    }
}
