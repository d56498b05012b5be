package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.imapferry.engine.folder.SubstitutionRule;
import org.imapferry.protocol.types.Flag;
import org.junit.jupiter.api.Test;

class FlagFilterTest {
    private static final SelectedFolder ANY_KEYWORD =
            new SelectedFolder(0, 1, 1, 0, List.of(Flag.SEEN, Flag.FLAGGED, Flag.ANY_KEYWORD));

    @Test
    void recentAndTheAnyKeywordMarkNeverTravelInAnAppend() {
        FlagFilter filter = new FlagFilter(ANY_KEYWORD, List.of());
        assertEquals(
                List.of(Flag.SEEN, new Flag("$Work")),
                filter.apply(List.of(Flag.SEEN, Flag.RECENT, Flag.ANY_KEYWORD, new Flag("$Work"))));
        assertEquals(Set.of("\\*"), filter.dropped());
    }

    @Test
    void aRuleThatProducesTheAnyKeywordMarkDropsIt() {
        FlagFilter filter = new FlagFilter(ANY_KEYWORD, List.of(SubstitutionRule.parse("s/^\\$All$/\\\\*/")));
        assertEquals(List.of(Flag.FLAGGED), filter.apply(List.of(new Flag("$All"), Flag.FLAGGED)));
        assertEquals(Set.of("\\*"), filter.dropped());
    }

    @Test
    void keywordsTheTargetWouldNotKeepAreNotedNotSent() {
        SelectedFolder fixed = new SelectedFolder(0, 1, 1, 0, List.of(Flag.SEEN));
        FlagFilter filter = new FlagFilter(fixed, List.of());
        assertEquals(List.of(Flag.SEEN), filter.apply(List.of(Flag.SEEN, new Flag("$Work"))));
        assertEquals(Set.of("$Work"), filter.dropped());
    }
}
