package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * All transcripts back to back, as one long server stream, cut into writes at random offsets:
 * the events never depend on where the cuts fall, and the streamed chunks respect the chunk
 * limit (checked by {@link DecoderRun}).
 *
 * <p>A JUnit test with seeded randomness rather than a jqwik property: jqwik runs outside
 * JUnit Jupiter, so its buffers would be allocated before {@code LeakCheckExtension} installs its
 * leak detector, and leaks would no longer fail the build.
 */
class SplitInvarianceTest {
    private static final byte[] ALL = allTranscripts();
    private static final ImapDecoderLimits SMALL_CHUNKS =
            new ImapDecoderLimits(64 * 1024, 7, 1024 * 1024, 4 * 1024 * 1024);

    private static byte[] allTranscripts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Transcripts.Sample sample : Transcripts.all()) {
            // Each sample ends at a response boundary, so the samples join into one valid stream.
            out.writeBytes(sample.serverBytes());
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946})
    void randomCutsGiveTheSameEvents(long seed) {
        Random random = new Random(seed);
        TreeSet<Integer> cuts = new TreeSet<>();
        int count = random.nextInt(400);
        for (int i = 0; i < count; i++) {
            cuts.add(1 + random.nextInt(ALL.length - 1));
        }
        DecoderRun.Result whole = DecoderRun.run(ALL, new int[0], SMALL_CHUNKS);
        DecoderRun.Result split =
                DecoderRun.run(ALL, cuts.stream().mapToInt(Integer::intValue).toArray(), SMALL_CHUNKS);
        assertNull(split.failure());
        assertEquals(whole, split);
    }
}
