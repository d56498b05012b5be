package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.imapferry.protocol.response.ImapResponse;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.UntaggedStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded server transcript decodes without a framing error, and to the same events
 * however its bytes are split: whole, cut in two at every offset, and one byte at a time.
 */
class TranscriptReplayTest {
    static Stream<Transcripts.Sample> samples() {
        return Transcripts.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesTheSameHoweverSplit(Transcripts.Sample sample) {
        byte[] bytes = sample.serverBytes();
        DecoderRun.Result whole = DecoderRun.whole(bytes);
        assertNull(whole.failure(), () -> "framing error in " + sample);
        assertFalse(bytes.length > 0 && whole.all(ImapResponse.class).isEmpty(), "no response decoded");
        for (int cut = 1; cut < bytes.length; cut++) {
            DecoderRun.Result split = DecoderRun.run(bytes, new int[] {cut}, ImapDecoderLimits.DEFAULT);
            assertEquals(whole, split, "split at byte " + cut);
        }
        assertEquals(whole, DecoderRun.bytewise(bytes), "fed one byte at a time");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void leavesNothingHalfDecoded(Transcripts.Sample sample) {
        // A response appended after the sample must come out on its own: the sample's last
        // response was complete and the decoder is back at the start of a response.
        byte[] bytes = sample.serverBytes();
        byte[] sentinel = "* OK sentinel\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] both = Arrays.copyOf(bytes, bytes.length + sentinel.length);
        System.arraycopy(sentinel, 0, both, bytes.length, sentinel.length);
        List<Object> events = DecoderRun.whole(both).events();
        assertEquals(new UntaggedStatus(Status.OK, null, "sentinel"), events.get(events.size() - 1));
        assertEquals(DecoderRun.whole(bytes).events(), events.subList(0, events.size() - 1));
    }
}
