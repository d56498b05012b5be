package org.imapferry.engine.transfer;

import java.time.OffsetDateTime;
import java.util.Set;
import org.imapferry.engine.SyncOptions;

/**
 * --maxsize, --minsize, --maxage, --minage and --search: which source messages a run copies. A
 * filter narrows what is copied, never what is considered to exist on the source.
 *
 * @param searched the UIDs {@code UID SEARCH} returned for --search, or null without it
 * @param now      the moment ages are counted from
 */
record MessageFilter(
        Long maxSize, Long minSize, Double maxAgeDays, Double minAgeDays, Set<Long> searched, OffsetDateTime now) {
    static MessageFilter of(SyncOptions.Messages m, Set<Long> searched, OffsetDateTime now) {
        return new MessageFilter(m.maxSize(), m.minSize(), m.maxAgeDays(), m.minAgeDays(), searched, now);
    }

    boolean accepts(MessageMeta msg) {
        boolean tooBig = maxSize != null && msg.size() > maxSize;
        boolean tooSmall = minSize != null && msg.size() < minSize;
        boolean tooOld = msg.internalDate() != null
                && maxAgeDays != null
                && msg.internalDate().value().isBefore(daysBefore(maxAgeDays));
        boolean tooNew = msg.internalDate() != null
                && minAgeDays != null
                && msg.internalDate().value().isAfter(daysBefore(minAgeDays));
        return !tooBig && !tooSmall && !tooOld && !tooNew && (searched == null || searched.contains(msg.uid()));
    }

    /** imapsync's --maxage and --minage take fractions of a day (--maxage 1.5). */
    private OffsetDateTime daysBefore(double days) {
        return now.minusSeconds(Math.round(days * 86_400));
    }
}
