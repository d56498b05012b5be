package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.identity.MessageKey;
import org.junit.jupiter.api.Test;

/** How a folder's copy list is cut into slices. */
class SliceTest {
    private static List<MessageMeta> messages(int count, long size) {
        List<MessageMeta> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(new MessageMeta(
                    i, i * 3L, List.of(), null, size, MessageKey.of(java.util.Map.of(), List.of(), size, false)));
        }
        return list;
    }

    private static void assertInOrderAndWhole(List<MessageMeta> all, List<List<MessageMeta>> slices) {
        List<MessageMeta> joined = new ArrayList<>();
        slices.forEach(joined::addAll);
        assertEquals(all, joined, "slices are consecutive UID runs covering the list exactly once");
        slices.forEach(s -> assertTrue(!s.isEmpty(), "no empty slice"));
    }

    @Test
    void aSmallFolderIsNotCut() {
        List<MessageMeta> few = messages(100, 2_000);
        assertEquals(List.of(few), Slice.cut(few, 3));
    }

    @Test
    void onePairNeverCuts() {
        List<MessageMeta> many = messages(50_000, 2_000);
        assertEquals(1, Slice.cut(many, 1).size());
    }

    @Test
    void aLargeFolderIsCutIntoRunsOfAboutEqualCount() {
        List<MessageMeta> all = messages(2_500, 2_000);
        List<List<MessageMeta>> slices = Slice.cut(all, 3);
        // 2,500 × (2,000 + 4,096) bytes of weight is about 3.6 times the minimum slice.
        assertEquals(3, slices.size());
        assertInOrderAndWhole(all, slices);
        slices.forEach(s -> assertTrue(Math.abs(s.size() - 833) <= 1, "size " + s.size()));
    }

    @Test
    void theNumberOfSlicesIsCappedPerPair() {
        List<MessageMeta> all = messages(100_000, 5_000);
        List<List<MessageMeta>> slices = Slice.cut(all, 3);
        assertEquals(3 * Slice.SLICES_PER_PAIR, slices.size());
        assertInOrderAndWhole(all, slices);
    }

    @Test
    void fewHugeMessagesAreCutByBytes() {
        List<MessageMeta> all = new ArrayList<>(messages(10, 1_000));
        all.addAll(messages(4, 50L * 1024 * 1024).stream()
                .map(m -> new MessageMeta(m.sequenceNumber() + 10, m.uid() + 100, m.flags(), null, m.size(), m.key()))
                .toList());
        List<List<MessageMeta>> slices = Slice.cut(all, 2);
        assertInOrderAndWhole(all, slices);
        // Eight slices at most (two pairs), fourteen messages, four of them carrying the weight:
        // no slice holds more than one of the big ones plus small ones.
        for (List<MessageMeta> s : slices) {
            assertTrue(s.stream().filter(m -> m.size() > 1_000_000).count() <= 1, "slice " + s);
        }
    }

    @Test
    void unknownSizesCountAsEmptyMessages() {
        List<MessageMeta> all = messages(3_000, -1);
        List<List<MessageMeta>> slices = Slice.cut(all, 4);
        assertEquals(2, slices.size(), "3,000 × 4,096 bytes of weight is about 2.9 minimum slices");
        assertInOrderAndWhole(all, slices);
    }
}
