package org.imapferry.engine.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.protocol.types.Secret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole probe against a private Dovecot: plausible figures, nothing changed, nothing left behind. */
@DovecotTest
class ProbeDovecotTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static final int INBOX_MESSAGES = 60;
    private static DovecotServer dovecot;

    @BeforeAll
    static void start() {
        dovecot = DOVECOT.server();
        dovecot.addUsers(Map.of("reader", "pw", "writer", "pw", "stopper", "pw"));
        Instant date = Instant.parse("2022-03-04T05:06:07Z");
        for (int i = 0; i < INBOX_MESSAGES; i++) {
            Set<String> flags = i % 3 == 0 ? Set.of("\\Seen") : i % 3 == 1 ? Set.of("\\Flagged", "$Work") : Set.of();
            dovecot.deliver("reader", "INBOX", message(i, 20_000 + i * 1000), flags, date);
        }
        for (int i = 0; i < 5; i++) {
            dovecot.deliver("reader", "Archive", message(100 + i, 3000), Set.of("\\Answered"), date);
        }
    }

    static byte[] message(int n, int size) {
        StringBuilder b = new StringBuilder(
                "From: a@example.com\r\nSubject: m" + n + "\r\nMessage-ID: <m" + n + "@example.com>\r\n\r\n");
        while (b.length() < size) {
            b.append("line of message ").append(n).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static Endpoint endpoint(String user) {
        return Endpoint.plain(dovecot.host(), dovecot.port(), user, Secret.of("pw"));
    }

    /** Every folder with every message's flags, as a user would see them. */
    static Map<String, List<RawImap.Summary>> snapshot(String user) {
        Map<String, List<RawImap.Summary>> all = new TreeMap<>();
        try (RawImap probe = RawImap.login(endpoint(user))) {
            for (String folder : probe.folders()) {
                all.put(folder, probe.messages(folder));
            }
        }
        return all;
    }

    @Test
    void readOnlyProbeMeasuresTheLargestFolderAndChangesNothing() {
        Map<String, List<RawImap.Summary>> before = snapshot("reader");
        ProbeResult r = new Prober(
                        ProbeOptions.readOnly(endpoint("reader"))
                                .withRoundTrips(10)
                                .withConnections(3, 4),
                        ProbeListener.NONE,
                        new ProbeStop())
                .run();
        assertEquals(before, snapshot("reader"), "a read-only probe changed flags or folders");

        assertEquals("INBOX", r.folder());
        assertEquals(INBOX_MESSAGES, r.folderMessages());
        assertTrue(
                r.times().connect().toNanos() > 0 && r.times().login().toNanos() > 0,
                r.times().toString());
        assertEquals(null, r.times().tls(), "a plain connection has no TLS time");
        assertEquals(10, r.roundTrip().count());
        assertTrue(r.roundTrip().median().compareTo(r.roundTrip().p99()) <= 0);
        assertEquals(2, r.reads().size(), r.reads().toString());
        long expectedBytes = 0;
        for (int i = 0; i < INBOX_MESSAGES; i++) {
            expectedBytes += message(i, 20_000 + i * 1000).length;
        }
        for (Throughput t : r.reads()) {
            assertEquals(INBOX_MESSAGES, t.messages(), t.toString());
            assertEquals(expectedBytes, t.bytes(), "every byte of every body is counted: " + t);
            assertTrue(t.seconds() > 0, t.toString());
            assertEquals(t.bytes() / 1e6 / t.seconds(), t.megabytesPerSecond(), 1e-9);
            assertEquals(t.messages() / t.seconds(), t.messagesPerSecond(), 1e-9);
        }
        assertEquals(1, r.reads().get(0).connections());
        assertEquals(3, r.reads().get(1).connections());
        assertEquals(List.of(1, 2, 4), r.triedConnections());
        assertEquals(4, r.largestConnections());
        assertTrue(r.limits().isEmpty(), r.limits().toString());
        assertTrue(r.capabilities().stream().anyMatch(m -> m.name().equals("LITERAL+") && m.offered()));
        assertEquals(null, r.scratch());
        assertTrue(r.writes().isEmpty());
    }

    @Test
    void writeProbeAppendsWithinBudgetAndDeletesItsScratchFolder() {
        Map<String, List<RawImap.Summary>> before = snapshot("writer");
        PhaseBudget write = new PhaseBudget(3_000_000L, 40, Duration.ofSeconds(20));
        ProbeResult r = new Prober(
                        ProbeOptions.readOnly(endpoint("writer"))
                                .withWrite()
                                .withRoundTrips(5)
                                .withConnections(2, 2)
                                .withBudgets(PhaseBudget.READ, write),
                        ProbeListener.NONE,
                        new ProbeStop())
                .run();
        assertEquals(before, snapshot("writer"), "the scratch folder or its messages were left behind");

        assertNotNull(r.scratch());
        assertTrue(
                r.scratch().folder().startsWith(ScratchFolder.PREFIX),
                r.scratch().folder());
        assertTrue(r.scratch().deleted(), r.scratch().toString());
        assertFalse(r.scratchLeft());
        assertEquals(2, r.writes().size(), r.writes() + " " + r.notes());
        for (Throughput t : r.writes()) {
            assertTrue(t.messages() > 0 && t.messages() <= 40, t.toString());
            assertTrue(t.bytes() <= 3_000_000L, "the byte budget holds: " + t);
            assertTrue(t.seconds() > 0 && t.megabytesPerSecond() > 0, t.toString());
        }
        assertEquals(ProbePhase.WRITE_ONE, r.writes().get(0).phase());
        assertEquals(2, r.writes().get(1).connections());
        assertEquals(List.of("no folder holds a message: nothing to read"), r.notes());
        assertTrue(r.writes().get(0).seconds() < 5, r.writes().toString());
    }

    @Test
    void aStopDuringTheWriteStillDeletesTheScratchFolder() throws InterruptedException {
        Map<String, List<RawImap.Summary>> before = snapshot("stopper");
        ProbeStop stop = new ProbeStop();
        List<Thread> stopper = new ArrayList<>();
        ProbeListener listener = phase -> {
            if (phase == ProbePhase.WRITE_ONE) {
                // What the shutdown hook of Ctrl-C does, from a thread of its own.
                Thread t = new Thread(() -> {
                    sleep(300);
                    stop.request();
                });
                stopper.add(t);
                t.start();
            }
        };
        PhaseBudget unbounded = new PhaseBudget(20_000_000_000L, 1_000_000, Duration.ofSeconds(120));
        long begin = System.nanoTime();
        ProbeResult r = new Prober(
                        ProbeOptions.readOnly(endpoint("stopper"))
                                .withWrite()
                                .withPhases(EnumSet.of(
                                        ProbePhase.WRITE_ONE, ProbePhase.WRITE_PARALLEL, ProbePhase.CONNECTIONS))
                                .withBudgets(PhaseBudget.READ, unbounded),
                        listener,
                        stop)
                .run();
        stopper.get(0).join(30_000);

        assertTrue(Duration.ofNanos(System.nanoTime() - begin).toSeconds() < 60, "the stop ended the write phase");
        assertTrue(r.stopped());
        assertEquals(1, r.writes().size(), "no phase starts after a stop: " + r.writes());
        assertTrue(r.writes().get(0).messages() > 0, "messages were written before the stop: " + r.writes());
        assertTrue(r.triedConnections().isEmpty());
        assertTrue(r.scratch().deleted(), r.scratch().toString());
        assertEquals(before, snapshot("stopper"), "the scratch folder was left behind");
    }

    @Test
    void dovecotsConnectionLimitIsFoundByTheLadder() {
        try (DovecotServer capped = DovecotServer.builder()
                .extraConfig("mail_max_userip_connections = 3")
                .start()) {
            capped.addUser("carl", "pw");
            Endpoint carl = Endpoint.plain(capped.host(), capped.port(), "carl", Secret.of("pw"));
            ProbeResult r = new Prober(
                            ProbeOptions.readOnly(carl)
                                    .withConnections(2, 8)
                                    .withPhases(EnumSet.of(ProbePhase.CONNECTIONS)),
                            ProbeListener.NONE,
                            new ProbeStop())
                    .run();
            assertEquals(List.of(1, 2, 4), r.triedConnections(), r.limits().toString());
            assertEquals(2, r.largestConnections());
            Limit.ConnectionRefused refused =
                    (Limit.ConnectionRefused) r.limits().get(0);
            assertTrue(refused.reason().contains("Maximum number of connections"), refused.reason());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
