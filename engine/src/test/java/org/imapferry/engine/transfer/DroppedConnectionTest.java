package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.testserver.CuttingProxy;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connections dropped at seeded points, on the source side and on the target side, in one run
 * with the default timeouts: the run replaces the lost sessions, resumes the folder from what the
 * target confirmed, and ends exact (same bytes, flags and dates, no duplicates) in bounded time.
 * Each scenario runs over {@code imapferry.faultSeeds} seeds (3 by default; 30 for the long run).
 */
@DovecotTest
class DroppedConnectionTest {
    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();
    private static final String SOURCE = "src";
    private static final Instant DATE = Instant.parse("2020-02-03T04:05:06Z");
    private static final List<String> FOLDERS = List.of("INBOX", "Archive", "Sent");
    private static final int PER_FOLDER = 20;
    /** Well past login and the metadata pass, well before the end of the bodies. */
    private static final long INSIDE_BODIES_MIN = 20_000;
    private static final long INSIDE_BODIES_MAX = 400_000;
    /** Dovecot's greeting and its answer to LOGIN, both with capabilities: about 400 bytes. */
    private static final long LOGIN_BYTES = 400;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static DovecotServer dovecot;

    /** Which side is cut, and where. */
    enum Scenario {
        /** The greeting or the answer to LOGIN cut short, on the first connection (the control pair's) too. */
        SOURCE_LOGIN(true, 1, 2, 1, LOGIN_BYTES, CuttingProxy.Cut.ServerBytes::new),
        TARGET_LOGIN(false, 1, 2, 1, LOGIN_BYTES, CuttingProxy.Cut.ServerBytes::new),
        SOURCE_BETWEEN_COMMANDS(true, 2, 2, 1, 6, n -> new CuttingProxy.Cut.TaggedResponses((int) n)),
        TARGET_BETWEEN_COMMANDS(false, 2, 2, 1, 6, n -> new CuttingProxy.Cut.TaggedResponses((int) n)),
        /**
         * The source literal is cut, so the APPEND it feeds is left half written, while the APPENDs
         * before it wait for their OK.
         */
        SOURCE_MID_LITERAL(true, 2, 2, INSIDE_BODIES_MIN, INSIDE_BODIES_MAX, CuttingProxy.Cut.ServerBytes::new),
        TARGET_MID_APPEND_LITERAL(false, 2, 2, INSIDE_BODIES_MIN, INSIDE_BODIES_MAX,
                CuttingProxy.Cut.ClientBytes::new),
        /** The target stored the message; its OK is lost. */
        TARGET_APPEND_ANSWER_LOST(false, 2, 2, INSIDE_BODIES_MIN, INSIDE_BODIES_MAX,
                CuttingProxy.Cut.AnswerAfterClientBytes::new);

        final boolean source;
        final int first;
        final int count;
        final long min;
        final long max;
        final LongFunction<CuttingProxy.Cut> at;

        Scenario(boolean source, int first, int count, long min, long max,
                 LongFunction<CuttingProxy.Cut> at) {
            this.source = source;
            this.first = first;
            this.count = count;
            this.min = min;
            this.max = max;
            this.at = at;
        }

        IntFunction<CuttingProxy.Cut> cuts(long seed) {
            return CuttingProxy.seeded(seed * 31 + ordinal(), first, count, min, max, at);
        }
    }

    @BeforeAll
    static void seed() {
        dovecot = DOVECOT.server();
        dovecot.addUser(SOURCE, Migrations.PASSWORD);
        Random random = new Random(7);
        for (String folder : FOLDERS) {
            for (int i = 0; i < PER_FOLDER; i++) {
                String text = "Message-ID: <" + folder + i + "@drop>\nFrom: a@x\nSubject: " + folder + " " + i
                        + "\n\n" + ("line " + random.nextInt() + " of the body\n").repeat(200 + random.nextInt(3000));
                dovecot.deliver(SOURCE, folder, AwkwardAccount.crlf(text), i % 3 == 0 ? Set.of("\\Seen")
                        : Set.of("\\Flagged", "$Later"), DATE.plusSeconds(i * 60L));
            }
        }
    }

    /**
     * The account of the measured failure, 14 folders copied through two proxies that each cut
     * their first 8 connections at a random byte count, counting the bytes each way carries most
     * (the source's answers, the target's APPENDs). The full size (1,508 messages, about 78 MB,
     * cuts between 20 KB and 20 MB) with {@code -Dimapferry.faultAccount=full}; every build runs
     * a smaller one, its cuts scaled down to land inside its traffic.
     */
    @Test
    void sixteenCutsCostAtMostThreeTimesTheUncutRun() throws IOException {
        boolean full = "full".equals(System.getProperty("imapferry.faultAccount"));
        int messages = full ? 1_508 : 280;
        long cutMax = full ? 20_000_000 : 1_500_000;
        String source = "many";
        dovecot.addUsers(Map.of(source, Migrations.PASSWORD, "uncut", Migrations.PASSWORD, "cut16",
                Migrations.PASSWORD));
        Random random = new Random(16);
        for (int i = 0; i < messages; i++) {
            String folder = i % 14 == 0 ? "INBOX" : "F" + (i % 14);
            // About 52 KB on average, as the measured account: mostly small, a few of 300 KB to 1 MB.
            int lines = i % 50 == 7 ? 6_000 + random.nextInt(12_000) : 100 + random.nextInt(700);
            String text = "Message-ID: <m" + i + "@many>\nFrom: a@x\nSubject: many " + i + "\n\n"
                    + ("line " + random.nextInt() + " of this body\n").repeat(lines);
            dovecot.deliver(source, folder, AwkwardAccount.crlf(text), i % 2 == 0 ? Set.of("\\Seen") : Set.of(),
                    DATE.plusSeconds(i));
        }
        Instant started = Instant.now();
        Migrations.runClean(SyncOptions.defaults(Migrations.endpoint(dovecot.host(), dovecot.port(), source),
                Migrations.endpoint(dovecot.host(), dovecot.port(), "uncut")));
        Duration uncut = Duration.between(started, Instant.now());

        SyncReport report;
        Duration cut;
        try (CuttingProxy from = CuttingProxy.cutting(dovecot.host(), dovecot.port(),
                CuttingProxy.seeded(161, 1, 8, 20_000, cutMax, CuttingProxy.Cut.ServerBytes::new));
             CuttingProxy to = CuttingProxy.cutting(dovecot.host(), dovecot.port(),
                     CuttingProxy.seeded(162, 1, 8, 20_000, cutMax, CuttingProxy.Cut.ClientBytes::new))) {
            started = Instant.now();
            report = Migrations.run(SyncOptions.defaults(Migrations.endpoint(dovecot.host(), from.port(), source),
                    Migrations.endpoint(dovecot.host(), to.port(), "cut16")));
            cut = Duration.between(started, Instant.now());
            System.out.printf("16 cuts: uncut %d ms, cut %d ms, %d + %d connections cut, reconnections %s%n",
                    uncut.toMillis(), cut.toMillis(), from.cuts(), to.cuts(), report.reconnections());
            assertTrue(from.cuts() + to.cuts() >= 8, () -> "too few cuts: " + from.cuts() + " + " + to.cuts());
        }
        SyncReport done = report;
        assertTrue(done.complete(), () -> Migrations.describe(done));
        assertTrue(cut.compareTo(uncut.multipliedBy(3)) <= 0, "uncut " + uncut + ", cut " + cut);
        Map<String, List<RawImap.Message>> expected = Migrations.snapshot(dovecot.host(), dovecot.port(), source);
        Map<String, List<RawImap.Message>> actual = Migrations.snapshot(dovecot.host(), dovecot.port(), "cut16");
        assertEquals(Migrations.nonEmpty(expected).keySet(), Migrations.nonEmpty(actual).keySet());
        for (String folder : Migrations.nonEmpty(expected).keySet()) {
            Migrations.assertSameMessages(folder, expected.get(folder), actual.get(folder));
        }
    }

    static Stream<Arguments> scenarios() {
        long seeds = Long.getLong("imapferry.faultSeeds", 3);
        return Stream.of(Scenario.values()).flatMap(s -> LongStream.rangeClosed(1, seeds)
                .mapToObj(seed -> Arguments.of(s, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("scenarios")
    void oneRunEndsExact(Scenario scenario, long seed) throws IOException {
        String target = "t" + scenario.ordinal() + "x" + seed;
        dovecot.addUser(target, Migrations.PASSWORD);
        SyncReport report;
        Duration took;
        try (CuttingProxy proxy = CuttingProxy.cutting(dovecot.host(), dovecot.port(), scenario.cuts(seed))) {
            int sourcePort = scenario.source ? proxy.port() : dovecot.port();
            int targetPort = scenario.source ? dovecot.port() : proxy.port();
            SyncOptions options = SyncOptions.defaults(Migrations.endpoint(dovecot.host(), sourcePort, SOURCE),
                    Migrations.endpoint(dovecot.host(), targetPort, target)).withConnections(2);
            Instant started = Instant.now();
            report = Migrations.run(options);
            took = Duration.between(started, Instant.now());
            assertTrue(proxy.cuts() > 0, "the proxy cut nothing: the scenario tested nothing");
        }
        SyncReport done = report;
        assertTrue(done.complete(), () -> Migrations.describe(done));
        assertTrue(took.compareTo(BOUND) < 0, () -> "the run took " + took);
        Map<String, List<RawImap.Message>> expected = Migrations.snapshot(dovecot.host(), dovecot.port(), SOURCE);
        Map<String, List<RawImap.Message>> actual = Migrations.snapshot(dovecot.host(), dovecot.port(), target);
        for (String folder : FOLDERS) {
            Migrations.assertSameMessages(folder, expected.get(folder), actual.get(folder));
        }
        Migrations.verify(SyncOptions.defaults(Migrations.endpoint(dovecot.host(), dovecot.port(), SOURCE),
                Migrations.endpoint(dovecot.host(), dovecot.port(), target)));
    }
}
