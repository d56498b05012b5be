package org.imapferry.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.imapferry.protocol.ImapDecoderLimits;

/**
 * Arbitrary server bytes, under small limits, decoded twice: written whole, and cut into writes at
 * random offsets. Both runs must give the same responses, the same body bytes and the same framing
 * error (or none) at the same byte of the stream; nothing but an
 * {@link org.imapferry.protocol.ImapFramingException} may escape, the decoder never hangs (Jazzer's
 * per-input timeout) and leaks nothing (paranoid leak detection and {@code LeakCheckExtension}).
 *
 * <p>The input is the server's stream as it is, so the committed inputs
 * ({@code ImapResponseDecoderFuzzTestInputs/decodesTheSameWhereverTheStreamIsCut/} in the test
 * resources) are readable transcripts. The cuts and the limits come from a {@link Random} seeded with
 * the input's hash, so each input always replays the same way. A default build replays those
 * inputs; {@code -Pfuzz} (or {@code JAZZER_FUZZ=1}) fuzzes for {@code maxDuration}, and Jazzer writes
 * any crashing input into that directory, where it becomes a regression case.
 */
class ImapResponseDecoderFuzzTest {
    private static final int MAX_CUTS = 64;

    @FuzzTest(maxDuration = "4m")
    void decodesTheSameWhereverTheStreamIsCut(byte[] input) {
        Random random = new Random(Arrays.hashCode(input));
        int maxLine = 64 + random.nextInt(4096);
        ImapDecoderLimits limits = new ImapDecoderLimits(
                maxLine, 1 + random.nextInt(64), random.nextInt(512), maxLine + random.nextInt(16 * 1024));
        DecodedStream whole = DecodedStream.of(input, new int[0], limits);
        DecodedStream split = DecodedStream.of(input, cuts(random, input.length), limits);
        assertEquals(whole, split);
    }

    /**
     * Ascending offsets strictly inside the input: one per byte for a short input, at most
     * {@link #MAX_CUTS} for a long one (every write is a tracked buffer under paranoid leak
     * detection, and the replay runs in every build).
     */
    private static int[] cuts(Random random, int length) {
        if (length < 2) {
            return new int[0];
        }
        if (length <= MAX_CUTS && random.nextBoolean()) {
            return IntStream.range(1, length).toArray();
        }
        return random.ints(random.nextInt(Math.min(length, MAX_CUTS)), 1, length)
                .distinct()
                .sorted()
                .toArray();
    }
}
