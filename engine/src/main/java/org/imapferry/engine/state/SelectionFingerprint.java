package org.imapferry.engine.state;

import java.util.List;
import java.util.Locale;
import org.imapferry.engine.SyncOptions;

/**
 * Which source messages a run selects (--maxsize, --minsize, --maxage, --minage, --search) and how
 * it tells messages apart (--useheader, --noskipsize), recorded with each folder a run completes.
 * The state's shortcuts (skipping an unchanged folder, reading only above the highest UID handled)
 * assume that every message below that UID was judged as this run would judge it. That holds only
 * when the last run selected the same way and the selection cannot change with time: a message
 * too young for --minage 7 today is old enough next week, with its UID long below the mark.
 *
 * <p>It is kept per folder, not per account pair, because completion is per folder: a run that
 * stops early or is given --folder completes only some folders, and the others keep the selection
 * they were last completed with.
 *
 * @param identityHeaders the --useheader names, lower-cased, without repeats, sorted: a key is made
 *                        of the same headers on both sides, so their order and case never change
 *                        which messages match
 */
public record SelectionFingerprint(
        Long maxSize,
        Long minSize,
        Double maxAgeDays,
        Double minAgeDays,
        String search,
        List<String> identityHeaders,
        boolean sizeInIdentity) {
    public SelectionFingerprint {
        identityHeaders = identityHeaders.stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .distinct()
                .sorted()
                .toList();
        search = search == null || search.isBlank() ? null : search;
    }

    public static SelectionFingerprint of(SyncOptions.Messages m) {
        return new SelectionFingerprint(
                m.maxSize(),
                m.minSize(),
                m.maxAgeDays(),
                m.minAgeDays(),
                m.search(),
                m.useHeaders(),
                m.sizeInIdentity());
    }

    /**
     * The canonical text the state file keeps. Every string is written with its length before it,
     * so that no search text or header name can make two selections read the same.
     */
    public String text() {
        StringBuilder out = new StringBuilder("maxsize=")
                .append(number(maxSize))
                .append(";minsize=")
                .append(number(minSize))
                .append(";maxage=")
                .append(number(maxAgeDays))
                .append(";minage=")
                .append(number(minAgeDays))
                .append(";search=")
                .append(search == null ? "" : counted(search))
                .append(";useheader=");
        for (String header : identityHeaders) {
            out.append(counted(header));
        }
        return out.append(";noskipsize=").append(sizeInIdentity).toString();
    }

    /**
     * Whether the selection gives the same answer for a message whenever it is asked: ages are
     * counted from the moment of the run, and a --search may name dates (SINCE, BEFORE) or flags,
     * which change without the message changing.
     */
    public boolean timeIndependent() {
        return maxAgeDays == null && minAgeDays == null && search == null;
    }

    /**
     * Whether a folder completed under {@code previous} may be skipped when unchanged, or read
     * only above its highest UID handled, by a run selecting with {@code now}. Otherwise both
     * sides are read whole, which is exact whatever the last run did.
     *
     * @param previous the text the folder's last completed run recorded
     */
    public static boolean allowsIncremental(String previous, SelectionFingerprint now) {
        return now.timeIndependent() && now.text().equals(previous);
    }

    private static String number(Number n) {
        return n == null ? "" : n.toString();
    }

    private static String counted(String s) {
        return s.length() + ":" + s;
    }
}
