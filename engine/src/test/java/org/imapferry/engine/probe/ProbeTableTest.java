package org.imapferry.engine.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table says what was measured, in the units it names, and shouts about a scratch folder left. */
class ProbeTableTest {
    @Test
    void ratesAreBytesOverSecondsAndLimitsAreNamed() {
        ProbeResult r = Figures.of("alice@mail.example:993")
                .phase(ProbePhase.READ_ONE, 1, 300, 12.5, 2.5)
                .limit(new Limit.Throttled(
                        ProbePhase.READ_ONE, "UID FETCH failed: NO [THROTTLED] slow down", Duration.ofSeconds(3)))
                .largestConnections(4)
                .result();
        String table = ProbeTable.render(List.of(r), Recommender.recommend(r, null, 10_000_000_000L));
        assertTrue(
                table.contains(ProbeTable.row(
                        "Read, 1 connection", "5.00 MB/s, 120.0 messages/s (300 messages, 12.5 MB in 2.50 s)")),
                table);
        assertTrue(
                table.contains("throttled during read, 1 connection: UID FETCH failed: NO [THROTTLED] slow down"
                        + " (asks to wait 3000 ms)"),
                table);
        assertTrue(table.contains(ProbeTable.row("Connections at once", "4 worked (tried 1, 2, 4)")), table);
        assertTrue(table.contains(ProbeTable.row("--maxbytespersecond", "4000000")), table);
        assertTrue(table.contains(ProbeTable.row("Expected time for 10.0 GB", "41 min 40 s")), table);
    }

    @Test
    void aScratchFolderLeftBehindIsNamed() {
        ProbeResult r = Figures.of("a@h:143").result();
        ProbeResult left = new ProbeResult(
                r.account(),
                "",
                List.of(),
                r.times(),
                null,
                null,
                0,
                List.of(),
                List.of(),
                0,
                List.of(),
                List.of(),
                new ScratchCleanup("imapferry-probe-x", false, "DELETE failed: NO"),
                true,
                List.of());
        String table = ProbeTable.render(List.of(left), null);
        assertTrue(
                table.contains(ProbeTable.row(
                        "Scratch folder removed", "NO: imapferry-probe-x is still there: DELETE failed: NO")),
                table);
        assertTrue(table.contains("(stopped before the end)"), table);
    }
}
