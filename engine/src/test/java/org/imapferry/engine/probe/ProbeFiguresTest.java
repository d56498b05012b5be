package org.imapferry.engine.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.Tag;
import org.junit.jupiter.api.Test;

/** The probe's pure pieces: percentiles, sizes, generated messages, throttling and collapse signs. */
class ProbeFiguresTest {
    @Test
    void roundTripPercentilesAreNearestRank() {
        List<Duration> samples = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            samples.add(Duration.ofMillis(i));
        }
        RoundTrip rt = RoundTrip.of(samples);
        assertEquals(100, rt.count());
        assertEquals(Duration.ofMillis(50), rt.median());
        assertEquals(Duration.ofMillis(99), rt.p99());
        assertEquals(
                Duration.ofMillis(7),
                RoundTrip.of(List.of(Duration.ofMillis(7))).p99());
    }

    @Test
    void sizesUsePowersOfAThousand() {
        assertEquals(10_000_000_000L, ByteSize.parse("10G"));
        assertEquals(200_000_000L, ByteSize.parse("200M"));
        assertEquals(1_500_000_000L, ByteSize.parse("1.5GB"));
        assertEquals(75_000L, ByteSize.parse("75k"));
        assertEquals(2048L, ByteSize.parse("2048"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("ten"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-1G"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(""));
    }

    @Test
    void aGeneratedMessageHasItsExactSizeAndOnlyCrlfLineEnds() {
        ZonedDateTime date = ZonedDateTime.of(2026, 11, 30, 22, 0, 0, 0, ZoneOffset.UTC);
        for (int size : List.of(0, 300, 2_000, 75_000, 75_001, 75_002, 75_003, 1_000_000)) {
            GeneratedMessage m = new GeneratedMessage("run", 7, size, date);
            assertEquals(Math.max(size, m.size()), m.size());
            ByteBuf whole = Unpooled.buffer();
            try {
                // In uneven chunks, as the write phase asks for them.
                for (long offset = 0; offset < m.size(); offset += 1000) {
                    m.writeTo(whole, offset, (int) Math.min(1000, m.size() - offset));
                }
                byte[] bytes = new byte[whole.readableBytes()];
                whole.readBytes(bytes);
                assertEquals(m.size(), bytes.length);
                for (int i = 0; i < bytes.length; i++) {
                    assertTrue(bytes[i] != 0, "NUL at " + i);
                    if (bytes[i] == '\r') {
                        assertTrue(i + 1 < bytes.length && bytes[i + 1] == '\n', "bare CR at " + i + " of " + size);
                    }
                    if (bytes[i] == '\n') {
                        assertEquals('\r', bytes[i - 1], "bare LF at " + i + " of " + size);
                    }
                }
                assertEquals('\n', bytes[bytes.length - 1]);
                String text = new String(bytes, StandardCharsets.US_ASCII);
                assertTrue(text.contains("Message-ID: <run.7@imapferry.invalid>\r\n"), text.substring(0, 200));
            } finally {
                whole.release();
            }
        }
    }

    @Test
    void theWriteMixIsMostlySmallWithSomeLargeMessages() {
        assertEquals(20, GeneratedMessage.MIX.size());
        assertEquals(14, GeneratedMessage.MIX.stream().filter(s -> s == 2_000).count());
        assertEquals(
                1, GeneratedMessage.MIX.stream().filter(s -> s == 1_000_000).count());
    }

    @Test
    void theWriteSourceCutsTheMixToTheAppendLimitAndStopsAtItsBudget() {
        ZonedDateTime date = ZonedDateTime.of(2026, 11, 30, 22, 0, 0, 0, ZoneOffset.UTC);
        ProbeStop stop = new ProbeStop();
        WriteSource source = new WriteSource(
                "r", new SharedBudget(new PhaseBudget(10_000_000L, 40, Duration.ofSeconds(30)), stop), date, 50_000);
        long largest = 0;
        int count = 0;
        for (GeneratedMessage m = source.next(); m != null; m = source.next()) {
            largest = Math.max(largest, m.size());
            count++;
        }
        assertEquals(40, count, "the message budget ends the phase");
        assertEquals(50_000, largest, "75 kB and 1 MB messages are cut to APPENDLIMIT=50000");

        WriteSource stopped = new WriteSource("s", new SharedBudget(PhaseBudget.WRITE, stop), date, Long.MAX_VALUE);
        stop.request();
        assertEquals(null, stopped.next(), "nothing is written after a stop");
    }

    @Test
    void throttlingIsToldFromAPlainRefusal() {
        ImapCommandException throttled = refused(new ResponseCode.Throttled(), "slow down");
        Limit.Throttled t =
                ThrottleSignal.of(ProbePhase.READ_ONE, throttled, null).orElseThrow();
        assertTrue(t.response().contains("[THROTTLED]"), t.response());
        ImapCommandException office = refused(null, "Request is throttled. Suggested Backoff Time: 4000 milliseconds");
        assertEquals(
                Duration.ofSeconds(4),
                ThrottleSignal.of(ProbePhase.WRITE_ONE, office, null)
                        .orElseThrow()
                        .suggestedBackoff());
        assertTrue(ThrottleSignal.of(ProbePhase.READ_ONE, refused(new ResponseCode.Limit(), "too many"), null)
                .isPresent());
        assertFalse(ThrottleSignal.of(ProbePhase.READ_ONE, refused(new ResponseCode.OverQuota(), "full"), null)
                .isPresent());
        UntaggedStatus bye = new UntaggedStatus(Status.BYE, new ResponseCode.Unavailable(), "come back later");
        assertTrue(ThrottleSignal.of(ProbePhase.READ_PARALLEL, new RuntimeException("closed"), bye)
                .isPresent());
        UntaggedStatus logout = new UntaggedStatus(Status.BYE, null, "Logging out");
        assertFalse(ThrottleSignal.of(ProbePhase.READ_PARALLEL, new RuntimeException("closed"), logout)
                .isPresent());
    }

    private static ImapCommandException refused(ResponseCode code, String text) {
        return new ImapCommandException("UID FETCH", new TaggedResponse(new Tag("A5"), Status.NO, code, text));
    }

    @Test
    void aRateThatFallsToAQuarterIsACollapse() {
        // 1 MB per 100 ms for six intervals, then 1 MB per second for six.
        List<RateSample> samples = new ArrayList<>();
        long t = 0;
        long bytes = 0;
        samples.add(new RateSample(t, bytes));
        for (int i = 0; i < 12; i++) {
            t += i < 6 ? 100_000_000L : 1_000_000_000L;
            bytes += 1_000_000;
            samples.add(new RateSample(t, bytes));
        }
        Limit.RateCollapsed c = RateCollapse.find(ProbePhase.READ_ONE, samples).orElseThrow();
        assertEquals(10.0, c.firstMegabytesPerSecond(), 1e-9);
        assertEquals(1.0, c.lastMegabytesPerSecond(), 1e-9);
        assertFalse(
                RateCollapse.find(ProbePhase.READ_ONE, samples.subList(0, 7)).isPresent(),
                "a steady rate is no collapse");
        assertFalse(
                RateCollapse.find(ProbePhase.READ_ONE, samples.subList(0, 4)).isPresent(),
                "three intervals prove nothing");
        List<RateSample> quick = samples.stream()
                .map(x -> new RateSample(x.nanos() / 50, x.bytes()))
                .toList();
        assertFalse(
                RateCollapse.find(ProbePhase.READ_ONE, quick).isPresent(),
                "the same shape within 0.13 s proves nothing");
    }

    @Test
    void theLadderDoublesUpToTheMaximum() {
        assertEquals(List.of(1, 2, 4, 8), ConnectionLadder.steps(8));
        assertEquals(List.of(1, 2, 4, 6), ConnectionLadder.steps(6));
        assertEquals(List.of(1), ConnectionLadder.steps(1));
    }

    @Test
    void scratchNamesAreUniqueAndRecognizable() {
        Instant now = Instant.parse("2026-11-30T22:40:05Z");
        String a = ScratchFolder.name(now, new Random(1));
        String b = ScratchFolder.name(now, new Random(2));
        assertTrue(a.matches("imapferry-probe-20261130-224005-[0-9a-f]{6}"), a);
        assertFalse(a.equals(b));
    }
}
