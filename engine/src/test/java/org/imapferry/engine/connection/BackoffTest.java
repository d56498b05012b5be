package org.imapferry.engine.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Backoff BACKOFF = Backoff.DEFAULT;

    @Test
    void theStepDoublesFromOneSecondAndStopsAtTheCap() {
        assertEquals(Duration.ofSeconds(1), BACKOFF.delay(1, 0));
        assertEquals(Duration.ofSeconds(2), BACKOFF.delay(2, 0));
        assertEquals(Duration.ofSeconds(4), BACKOFF.delay(3, 0));
        assertEquals(Duration.ofSeconds(16), BACKOFF.delay(5, 0));
        assertEquals(Duration.ofSeconds(30), BACKOFF.delay(6, 0));
        assertEquals(Duration.ofSeconds(30), BACKOFF.delay(1_000, 0));
    }

    @Test
    void jitterTakesUpToHalfOfTheStep() {
        for (double jitter : new double[] {0.1, 0.5, 0.999_999}) {
            Duration d = BACKOFF.delay(3, jitter);
            assertTrue(
                    d.compareTo(Duration.ofSeconds(2)) >= 0 && d.compareTo(Duration.ofSeconds(4)) <= 0,
                    () -> jitter + " gave " + d);
        }
        assertEquals(Duration.ofMillis(3_000), BACKOFF.delay(3, 0.5));
        assertTrue(BACKOFF.delay(40, 0.999_999).compareTo(Duration.ofSeconds(15)) >= 0);
    }

    @Test
    void aShorterTimeoutCapsTheWait() {
        Backoff tenSeconds = BACKOFF.cappedAt(Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(8), tenSeconds.delay(4, 0));
        assertEquals(Duration.ofSeconds(10), tenSeconds.delay(5, 0));
        assertEquals(Duration.ofSeconds(10), tenSeconds.delay(1_000, 0));
        assertEquals(
                Duration.ofMillis(500), BACKOFF.cappedAt(Duration.ofMillis(500)).delay(3, 0));
        assertEquals(BACKOFF, BACKOFF.cappedAt(Duration.ofSeconds(120)));
        assertEquals(BACKOFF, BACKOFF.cappedAt(Duration.ZERO));
    }

    @Test
    void refusesWhatHasNoMeaning() {
        assertThrows(IllegalArgumentException.class, () -> BACKOFF.delay(0, 0));
        assertThrows(IllegalArgumentException.class, () -> BACKOFF.delay(1, 1));
        assertThrows(IllegalArgumentException.class, () -> BACKOFF.delay(1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
