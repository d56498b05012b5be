package org.imapferry.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SequenceSetTest {
    @Test
    void parsesAndPrints() {
        assertEquals("1:3,7,9:*", SequenceSet.parse("1:3,7,9:*").toString());
        assertEquals("*", SequenceSet.parse("*").toString());
        assertEquals("1:*", SequenceSet.all().toString());
        assertEquals("5", SequenceSet.of(5).toString());
    }

    @Test
    void normalizesOverlapsAdjacencyAndOrder() {
        assertEquals("1:10", SequenceSet.parse("5:10,1:4").toString());
        assertEquals("1:10", SequenceSet.parse("1:6,3:10").toString());
        assertEquals("2:4", SequenceSet.parse("4:2").toString(), "a reversed range is the same range (RFC 3501 §9)");
        assertEquals("1:3,5", SequenceSet.parse("3,1,2,5,2").toString());
        assertEquals("3:*", SequenceSet.parse("7:*,3:5,6").toString());
        assertEquals(SequenceSet.parse("1:3"), SequenceSet.parse("1,2,3"));
    }

    @Test
    void compactsCollections() {
        assertEquals("1:3,7", SequenceSet.of(List.of(3L, 1L, 2L, 7L, 2L)).toString());
        assertEquals("4", SequenceSet.of(List.of(4L)).toString());
    }

    @Test
    void rejectsBadInput() {
        for (String bad : List.of("", "0", "1:0", "a", "1,", ",1", "1::2", "-1", "1:2:3", "12345678901234567890")) {
            assertThrows(IllegalArgumentException.class, () -> SequenceSet.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SequenceSet(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SequenceSet.of(List.of()));
    }

    @Test
    void contains() {
        SequenceSet set = SequenceSet.parse("1:3,7,9:*");
        assertTrue(set.contains(1));
        assertTrue(set.contains(3));
        assertFalse(set.contains(4));
        assertTrue(set.contains(7));
        assertFalse(set.contains(8));
        assertTrue(set.contains(1_000_000_000L));
        assertFalse(SequenceSet.of(2, 4).contains(5));
    }

    @Test
    void sizeAndIteration() {
        SequenceSet set = SequenceSet.parse("1:3,7,10:11");
        assertEquals(6, set.size());
        List<Long> seen = new ArrayList<>();
        set.forEach(seen::add);
        assertEquals(List.of(1L, 2L, 3L, 7L, 10L, 11L), seen);
        assertEquals(SequenceSet.STAR, SequenceSet.all().size());
        assertThrows(IllegalStateException.class, () -> SequenceSet.all().iterator());
    }

    @Property
    void compactFormHoldsExactlyTheNumbers(
            @ForAll @Size(min = 1, max = 50) Set<@LongRange(min = 1, max = 200) Long> numbers) {
        SequenceSet set = SequenceSet.of(numbers);
        List<Long> iterated = new ArrayList<>();
        set.forEach(iterated::add);
        assertEquals(new ArrayList<>(new TreeSet<>(numbers)), iterated);
        assertEquals(numbers.size(), set.size());
        assertEquals(set, SequenceSet.parse(set.toString()));
        for (long n = 1; n <= 201; n++) {
            assertEquals(numbers.contains(n), set.contains(n));
        }
    }
}
