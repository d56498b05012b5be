package org.imapferry.engine.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The arithmetic that turns probe figures into migration options, without a server. */
class RecommenderTest {
    @Test
    void parallelThatPaysIsRecommendedBelowTheConnectionLimitMinusTheListingOne() {
        ProbeResult r = Figures.of("a@h:993")
                .phase(ProbePhase.READ_ONE, 1, 100, 10, 1)
                .phase(ProbePhase.READ_PARALLEL, 4, 100, 30, 1)
                .largestConnections(4)
                .result();
        Recommendation rec = Recommender.recommend(r, null, 0);
        assertEquals(3, rec.connections(), rec.reasons().toString());
        assertNull(rec.maxBytesPerSecond());
        assertNull(rec.maxMessagesPerSecond());
        assertNull(rec.expected());
    }

    @Test
    void parallelThatDoesNotPayGivesOneConnection() {
        ProbeResult r = Figures.of("a@h:993")
                .phase(ProbePhase.READ_ONE, 1, 100, 10, 1)
                .phase(ProbePhase.READ_PARALLEL, 4, 100, 11, 1)
                .largestConnections(8)
                .result();
        assertEquals(1, Recommender.recommend(r, null, 0).connections());
    }

    @Test
    void expectedTimeIsTheSizeOverTheSlowerOfReadAndWriteAtTheRecommendedCount() {
        // 4 connections: read 40 MB/s, write 20 MB/s; 10 GB / 20 MB/s = 500 s.
        ProbeResult source = Figures.of("src")
                .phase(ProbePhase.READ_ONE, 1, 100, 10, 1)
                .phase(ProbePhase.READ_PARALLEL, 4, 400, 40, 1)
                .largestConnections(8)
                .result();
        ProbeResult target = Figures.of("dst")
                .phase(ProbePhase.WRITE_ONE, 1, 100, 5, 1)
                .phase(ProbePhase.WRITE_PARALLEL, 4, 400, 20, 1)
                .largestConnections(8)
                .result();
        Recommendation rec = Recommender.recommend(source, target, 10_000_000_000L);
        assertEquals(4, rec.connections(), rec.reasons().toString());
        assertEquals(Duration.ofSeconds(500), rec.expected());
        assertTrue(
                rec.reasons().stream().anyMatch(s -> s.contains("10.0 GB / min(read 40.00 MB/s, write 20.00 MB/s)")),
                rec.reasons().toString());
    }

    @Test
    void aConnectionCountBetweenTheFiguresIsInterpolated() {
        // 1 connection 10 MB/s, 5 connections 50 MB/s; the limit of 4 at once leaves 3: 10 + 40 * 2/4 = 30 MB/s.
        ProbeResult r = Figures.of("a")
                .phase(ProbePhase.READ_ONE, 1, 10, 10, 1)
                .phase(ProbePhase.READ_PARALLEL, 5, 50, 50, 1)
                .largestConnections(4)
                .result();
        Recommendation rec = Recommender.recommend(r, null, 3_000_000_000L);
        assertEquals(3, rec.connections());
        assertEquals(Duration.ofSeconds(100), rec.expected());
        assertEquals(
                30_000_000.0,
                Recommender.rate(r, ProbePhase.READ_ONE, ProbePhase.READ_PARALLEL, 3)
                        .orElseThrow(),
                1e-6);
    }

    @Test
    void throttlingSetsAPaceBelowTheRateReachedAndOneConnection() {
        // Throttled with 4 connections after 8 MB and 40 messages in 2 s: 4 MB/s, 20 msg/s; 80% of that.
        ProbeResult r = Figures.of("a")
                .phase(ProbePhase.READ_ONE, 1, 10, 2, 1)
                .phase(ProbePhase.READ_PARALLEL, 4, 40, 8, 2)
                .limit(new Limit.Throttled(ProbePhase.READ_PARALLEL, "NO [THROTTLED]", null))
                .largestConnections(8)
                .result();
        Recommendation rec = Recommender.recommend(r, null, 1_000_000_000L);
        assertEquals(1, rec.connections(), rec.reasons().toString());
        assertEquals(3_200_000L, rec.maxBytesPerSecond());
        assertEquals(16.0, rec.maxMessagesPerSecond(), 1e-9);
        // One connection: 2 MB/s read, under the 3.2 MB/s pace: 1 GB / 2 MB/s = 500 s.
        assertEquals(Duration.ofSeconds(500), rec.expected());
    }

    @Test
    void throttlingBeforeAnyByteFallsBackToHalfTheOneConnectionRate() {
        ProbeResult r = Figures.of("a")
                .phase(ProbePhase.WRITE_ONE, 1, 10, 4, 1)
                .phase(ProbePhase.WRITE_PARALLEL, 4, 0, 0, 1)
                .limit(new Limit.Throttled(ProbePhase.WRITE_PARALLEL, "NO [LIMIT]", null))
                .result();
        Recommendation rec = Recommender.recommend(r, null, 0);
        assertEquals(1_600_000L, rec.maxBytesPerSecond());
        assertEquals(4.0, rec.maxMessagesPerSecond(), 1e-9);
    }

    @Test
    void aCollapsedRateIsPacedAtEightyPercentOfWhereItFell() {
        ProbeResult r = Figures.of("a")
                .phase(ProbePhase.READ_ONE, 1, 100, 10, 1)
                .limit(new Limit.RateCollapsed(ProbePhase.READ_ONE, 20, 2))
                .result();
        Recommendation rec = Recommender.recommend(r, null, 0);
        assertEquals(1_600_000L, rec.maxBytesPerSecond());
        assertEquals(8.0, rec.maxMessagesPerSecond(), 1e-9); // 100 msg/s * 2/20 * 0.8
    }

    @Test
    void theSmallerCountOfTwoAccountsWins() {
        ProbeResult source = Figures.of("src")
                .phase(ProbePhase.READ_ONE, 1, 10, 10, 1)
                .phase(ProbePhase.READ_PARALLEL, 4, 40, 40, 1)
                .largestConnections(16)
                .result();
        ProbeResult target = Figures.of("dst").largestConnections(2).result();
        assertEquals(1, Recommender.recommend(source, target, 0).connections());
    }

    @Test
    void noFigureAtAllGivesNoExpectedTime() {
        Recommendation rec = Recommender.recommend(Figures.of("a").result(), null, 5_000_000L);
        assertNull(rec.expected());
        assertEquals(Recommender.DEFAULT_CONNECTIONS, rec.connections());
        assertTrue(rec.reasons().contains("no read or write rate was measured, so no expected time"));
    }
}
