package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.imapferry.protocol.types.ResponseCode;
import org.junit.jupiter.api.Test;

/** The message-rate governor's slots and the backoff for a throttling server. */
class PacingTest {
    @Test
    void messagesTakeSlotsOneIntervalApart() {
        RateGovernor governor = new RateGovernor(4);
        long now = 1_000_000_000L;
        assertEquals(0, governor.reserve(now));
        assertEquals(250_000_000L, governor.reserve(now));
        assertEquals(500_000_000L, governor.reserve(now));
        assertEquals(750_000_000L, governor.untilNext(now));
        // Time that passed counts: a slot already behind us is not waited for.
        assertEquals(0, governor.untilNext(now + 2_000_000_000L));
        assertEquals(0, governor.reserve(now + 2_000_000_000L));
    }

    @Test
    void withoutALimitNothingWaits() {
        for (int i = 0; i < 100; i++) {
            assertEquals(0, RateGovernor.UNLIMITED.reserve(i));
            assertEquals(0, RateGovernor.UNLIMITED.untilNext(i));
        }
    }

    @Test
    void theSuggestedBackoffIsTakenElseItDoubles() {
        Failure office = FailureTest.refusal(null, "Request is throttled. Suggested Backoff Time: 242 milliseconds");
        assertEquals(Duration.ofMillis(242), Throttling.backoff(office, 1));
        Failure throttled = FailureTest.refusal(new ResponseCode.Throttled(), "Too many requests");
        assertEquals(Throttling.FIRST_WAIT, Throttling.backoff(throttled, 1));
        assertEquals(Throttling.FIRST_WAIT.multipliedBy(4), Throttling.backoff(throttled, 3));
        assertEquals(
                Throttling.LONGEST_WAIT,
                Throttling.backoff(FailureTest.refusal(null, "Suggested Backoff Time: 99999999 milliseconds"), 1));
    }
}
