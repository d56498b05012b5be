package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * All transcripts back to back, as one long server stream, cut into writes at random offsets:
 * the events never depend on where the cuts fall, and the streamed chunks respect the chunk
 * limit (checked by {@link DecoderRun}).
 */
class SplitInvarianceProperties {
    private static final byte[] ALL = allTranscripts();
    private static final ImapDecoderLimits SMALL_CHUNKS = new ImapDecoderLimits(64 * 1024, 7, 1024 * 1024,
            4 * 1024 * 1024);
    private static final DecoderRun.Result WHOLE = DecoderRun.run(ALL, new int[0], SMALL_CHUNKS);

    private static byte[] allTranscripts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Transcripts.Sample sample : Transcripts.all()) {
            // Each sample ends at a response boundary, so the samples join into one valid stream.
            out.writeBytes(sample.serverBytes());
        }
        return out.toByteArray();
    }

    @Property(tries = 40)
    void randomCutsGiveTheSameEvents(@ForAll @Size(max = 400) Set<@IntRange(min = 1, max = 1 << 20) Integer> offsets) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int offset : offsets) {
            cuts.add(offset % ALL.length);
        }
        cuts.remove(0);
        int[] sorted = cuts.stream().mapToInt(Integer::intValue).toArray();
        DecoderRun.Result split = DecoderRun.run(ALL, sorted, SMALL_CHUNKS);
        assertNull(split.failure());
        assertEquals(WHOLE, split);
    }
}
