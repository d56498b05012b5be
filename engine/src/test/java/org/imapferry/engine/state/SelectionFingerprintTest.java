package org.imapferry.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imapferry.engine.SyncOptions;
import org.junit.jupiter.api.Test;

/** When the state's shortcuts may follow a folder's last completed run, without a server. */
class SelectionFingerprintTest {
    private static final List<String> HEADERS = List.of("Message-ID", "Date", "From");
    private static final SelectionFingerprint NONE =
            new SelectionFingerprint(null, null, null, null, null, HEADERS, false);

    private static SelectionFingerprint maxSize(long bytes) {
        return new SelectionFingerprint(bytes, null, null, null, null, HEADERS, false);
    }

    @Test
    void theSameTimeIndependentSelectionAllowsTheShortcuts() {
        assertTrue(SelectionFingerprint.allowsIncremental(NONE.text(), NONE));
        assertTrue(SelectionFingerprint.allowsIncremental(maxSize(20_000).text(), maxSize(20_000)));
    }

    @Test
    void aSizeFilterThatChangedSinceTheLastRunReadsWhole() {
        assertFalse(
                SelectionFingerprint.allowsIncremental(maxSize(20_000).text(), NONE),
                "the messages --maxsize left out must be found by a run without it");
        assertFalse(SelectionFingerprint.allowsIncremental(maxSize(20_000).text(), maxSize(30_000)));
        assertFalse(SelectionFingerprint.allowsIncremental(
                NONE.text(), new SelectionFingerprint(null, 500L, null, null, null, HEADERS, false)));
    }

    @Test
    void anUnknownPreviousSelectionReadsWhole() {
        assertFalse(SelectionFingerprint.allowsIncremental(null, NONE));
    }

    @Test
    void ageLimitsAndSearchesReadWholeEvenWhenUnchanged() {
        SelectionFingerprint minAge = new SelectionFingerprint(null, null, null, 7.0, null, HEADERS, false);
        SelectionFingerprint maxAge = new SelectionFingerprint(null, null, 30.0, null, null, HEADERS, false);
        SelectionFingerprint search =
                new SelectionFingerprint(null, null, null, null, "SINCE 1-Nov-2026", HEADERS, false);
        for (SelectionFingerprint f : List.of(minAge, maxAge, search)) {
            assertFalse(f.timeIndependent(), f.text());
            assertFalse(SelectionFingerprint.allowsIncremental(f.text(), f), f.text());
        }
        assertTrue(NONE.timeIndependent());
    }

    @Test
    void identityOptionsArePartOfTheSelection() {
        assertFalse(SelectionFingerprint.allowsIncremental(
                NONE.text(), new SelectionFingerprint(null, null, null, null, null, List.of("Message-ID"), false)));
        assertFalse(
                SelectionFingerprint.allowsIncremental(
                        NONE.text(), new SelectionFingerprint(null, null, null, null, null, HEADERS, true)),
                "--noskipsize puts the size into every key");
    }

    @Test
    void headerOrderCaseAndRepeatsDoNotChangeTheText() {
        SelectionFingerprint other = new SelectionFingerprint(
                null, null, null, null, null, List.of("from", "DATE", "message-id", "From"), false);
        assertEquals(NONE.text(), other.text());
    }

    @Test
    void aBlankSearchIsNoSearch() {
        SelectionFingerprint blank = new SelectionFingerprint(null, null, null, null, "  ", HEADERS, false);
        assertTrue(blank.timeIndependent());
        assertEquals(NONE.text(), blank.text());
    }

    @Test
    void noSearchTextOrHeaderNameCanMakeTwoSelectionsReadTheSame() {
        SelectionFingerprint twoHeaders =
                new SelectionFingerprint(null, null, null, null, null, List.of("a", "b"), false);
        SelectionFingerprint oneHeader =
                new SelectionFingerprint(null, null, null, null, null, List.of("1:a1:b"), false);
        assertNotEquals(twoHeaders.text(), oneHeader.text());
        SelectionFingerprint plain = new SelectionFingerprint(null, null, null, null, "ALL", HEADERS, false);
        SelectionFingerprint forged = new SelectionFingerprint(
                null, null, null, null, "ALL;useheader=4:date4:from10:message-id", List.of(), false);
        assertNotEquals(plain.text(), forged.text());
    }

    @Test
    void theRunsOptionsMakeTheFingerprint() {
        SyncOptions.Messages defaults = SyncOptions.Messages.defaults();
        assertEquals(NONE, SelectionFingerprint.of(defaults));
        SyncOptions.Messages filtered = new SyncOptions.Messages(
                3.0,
                1.0,
                1000L,
                10L,
                "FROM x",
                List.of("X-Id"),
                true,
                List.of(),
                true,
                false,
                false,
                false,
                false,
                false,
                SyncOptions.FlagSync.SOURCE_CHANGES);
        assertEquals(
                new SelectionFingerprint(1000L, 10L, 3.0, 1.0, "FROM x", List.of("x-id"), true),
                SelectionFingerprint.of(filtered));
    }
}
