package org.imapferry.protocol.types;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * A set of message sequence numbers or UIDs, kept as sorted, disjoint, non-adjacent ranges.
 *
 * <pre>
 * sequence-set = (seq-number / seq-range) ["," sequence-set]
 * seq-range    = seq-number ":" seq-number
 * seq-number   = nz-number / "*"
 * </pre>
 * (RFC 3501 §9). {@code *} is kept as {@link #STAR}, which sorts after every number.
 */
public record SequenceSet(List<Range> ranges) implements Iterable<Long> {
    /** The value of "*": the largest number in use. */
    public static final long STAR = Long.MAX_VALUE;

    /** A closed range; {@code last} may be {@link #STAR}. */
    public record Range(long first, long last) {
        public Range {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("bad range " + first + ":" + last);
            }
        }

        public long size() {
            return last == STAR ? STAR : last - first + 1;
        }

        @Override
        public String toString() {
            String end = last == STAR ? "*" : Long.toString(last);
            return first == last ? end : first + ":" + end;
        }
    }

    public SequenceSet {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a sequence set must not be empty");
        }
        ranges = normalize(ranges);
    }

    public static SequenceSet of(long first, long last) {
        return new SequenceSet(List.of(new Range(first, last)));
    }

    public static SequenceSet of(long number) {
        return of(number, number);
    }

    /** {@code 1:*}: every message. */
    public static SequenceSet all() {
        return of(1, STAR);
    }

    /** The compact form of any collection of numbers: {@code 1,2,3,7} becomes {@code 1:3,7}. */
    public static SequenceSet of(Collection<Long> numbers) {
        List<Range> ranges = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (long n : new TreeSet<>(numbers)) {
            if (start > 0 && n == end + 1) {
                end = n;
                continue;
            }
            if (start > 0) {
                ranges.add(new Range(start, end));
            }
            start = n;
            end = n;
        }
        if (start > 0) {
            ranges.add(new Range(start, end));
        }
        return new SequenceSet(ranges);
    }

    /** Parses {@code 1:3,7,9:*}. */
    public static SequenceSet parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            long a = parseNumber(colon < 0 ? part : part.substring(0, colon), text);
            long b = colon < 0 ? a : parseNumber(part.substring(colon + 1), text);
            ranges.add(new Range(Math.min(a, b), Math.max(a, b)));
        }
        return new SequenceSet(ranges);
    }

    private static long parseNumber(String s, String whole) {
        if (s.equals("*")) {
            return STAR;
        }
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a sequence set: " + whole);
        }
        long n = Long.parseLong(s);
        if (n < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + whole);
        }
        return n;
    }

    private static List<Range> normalize(List<Range> input) {
        List<Range> sorted = new ArrayList<>(input);
        sorted.sort((x, y) -> Long.compare(x.first(), y.first()));
        List<Range> out = new ArrayList<>();
        Range current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Range next = sorted.get(i);
            if (current.last() == STAR || next.first() <= current.last() + 1) {
                current = new Range(current.first(), Math.max(current.last(), next.last()));
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return List.copyOf(out);
    }

    public boolean contains(long n) {
        for (Range r : ranges) {
            if (n >= r.first() && n <= r.last()) {
                return true;
            }
        }
        return false;
    }

    /** How many numbers the set holds; {@link #STAR} if it is open-ended. */
    public long size() {
        long total = 0;
        for (Range r : ranges) {
            if (r.last() == STAR) {
                return STAR;
            }
            total += r.size();
        }
        return total;
    }

    /** The numbers in ascending order; not for open-ended sets. */
    @Override
    public Iterator<Long> iterator() {
        if (size() == STAR) {
            throw new IllegalStateException("cannot enumerate an open-ended set " + this);
        }
        return new Iterator<>() {
            private int range;
            private long next = ranges.get(0).first();

            @Override
            public boolean hasNext() {
                return range < ranges.size();
            }

            @Override
            public Long next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long value = next;
                if (next == ranges.get(range).last()) {
                    range++;
                    if (range < ranges.size()) {
                        next = ranges.get(range).first();
                    }
                } else {
                    next++;
                }
                return value;
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Range r : ranges) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(r);
        }
        return out.toString();
    }
}
