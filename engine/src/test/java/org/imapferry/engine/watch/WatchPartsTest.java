package org.imapferry.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.SyncReport;
import org.imapferry.protocol.response.StatusData;
import org.imapferry.protocol.types.MailboxName;
import org.junit.jupiter.api.Test;

/** The watch's pure parts, without a server. */
class WatchPartsTest {
    private static final MailboxName WORK = MailboxName.of("Work");

    @Test
    void backoffDoublesUpToItsMost() {
        assertEquals(Duration.ZERO, Backoff.RECONNECT.after(0));
        assertEquals(Duration.ofSeconds(1), Backoff.RECONNECT.after(1));
        assertEquals(Duration.ofSeconds(8), Backoff.RECONNECT.after(4));
        assertEquals(Duration.ofSeconds(60), Backoff.RECONNECT.after(7));
        assertEquals(Duration.ofSeconds(60), Backoff.RECONNECT.after(1000));
    }

    @Test
    void aMessageArrivedWhenItsInternalDateSaysIfThatLiesBetweenTheWatchsStartAndTheNotice() {
        Instant started = Instant.parse("2026-12-01T10:00:00Z");
        Instant noticed = Instant.parse("2026-12-01T10:05:30.700Z");
        assertEquals(
                Instant.parse("2026-12-01T10:05:01Z"),
                RelayTimer.arrival(noticed, Instant.parse("2026-12-01T10:05:00Z"), started),
                "heard 30 s late: the lag counts from the arrival");
        assertEquals(
                noticed,
                RelayTimer.arrival(noticed, Instant.parse("2026-12-01T10:05:30Z"), started),
                "heard within its second: the notice, never a lag longer than it was");
        assertEquals(
                noticed,
                RelayTimer.arrival(noticed, Instant.parse("2019-04-01T08:00:00Z"), started),
                "an old message appended with its own date");
        assertEquals(noticed, RelayTimer.arrival(noticed, null, started));
        assertNull(RelayTimer.arrival(null, null, started));
    }

    @Test
    void lagsKeepTheirMaximumForeverAndTheMedianOfTheRecentOnes() {
        LagStatistics lags = new LagStatistics();
        assertEquals(Duration.ZERO, lags.median());
        lags.record(Duration.ofSeconds(90));
        for (int i = 0; i < LagStatistics.WINDOW; i++) {
            lags.record(Duration.ofMillis(i % 2 == 0 ? 100 : 300));
        }
        assertEquals(Duration.ofSeconds(90), lags.max());
        assertEquals(LagStatistics.WINDOW + 1, lags.count());
        assertEquals(Duration.ofMillis(100), lags.median(), "the 90 s lag has left the window");
        lags.record(Duration.ofMillis(300));
        assertEquals(Duration.ofMillis(300), lags.median());
    }

    @Test
    void noticesKeepEachFoldersFirstNoticeAndHandOverEverythingAtOnce() throws Exception {
        Instant t0 = Instant.parse("2026-11-30T12:00:00Z");
        Notices notices = new Notices(Clock.fixed(t0, ZoneOffset.UTC));
        assertNull(notices.take(t0), "nothing pending and the deadline passed");
        notices.folder(WORK);
        notices.folder(WORK);
        notices.folder(MailboxName.INBOX);
        Notices.Batch batch = notices.take(null);
        assertEquals(Set.of(WORK, MailboxName.INBOX), batch.folders().keySet());
        assertFalse(batch.sweep());
        assertEquals(t0, batch.noticed(WORK));
        assertTrue(notices.isEmpty());

        notices.everything();
        notices.putBack(batch);
        Notices.Batch again = notices.drain();
        assertTrue(again.sweep());
        assertEquals(t0, again.noticed(MailboxName.of("Elsewhere")), "a sweep's folders date from the sweep");
        assertEquals(batch.folders(), again.folders());
        notices.close();
        notices.folder(WORK);
        assertNull(notices.take(null), "closed: the watch is ending");
    }

    @Test
    void aBatchOfChangesOnlyInFoldersThePlanLeavesOutNeedsNoPass() throws Exception {
        SyncReport planned = new SyncReport(
                Instant.EPOCH,
                Instant.EPOCH,
                List.of(),
                List.of(),
                SyncReport.AccountSize.UNKNOWN,
                SyncReport.AccountSize.UNKNOWN,
                SyncReport.AccountSize.UNKNOWN,
                2,
                SyncReport.Reconnections.NONE,
                0,
                false,
                false,
                SyncReport.Mode.COPY,
                List.of(new SyncReport.PlannedFolder(
                        "INBOX",
                        "INBOX",
                        List.of(),
                        SyncReport.TargetFolder.EXISTED,
                        SyncReport.FolderSize.UNKNOWN,
                        SyncReport.FolderSize.UNKNOWN)),
                List.of());
        Notices notices = new Notices(Clock.systemUTC());
        notices.folder(MailboxName.of("Spam"));
        assertTrue(Watch.outsideThePlan(notices.drain(), planned));
        notices.folder(MailboxName.of("Spam"));
        notices.folder(MailboxName.of("inbox"));
        assertFalse(Watch.outsideThePlan(notices.drain(), planned));
        notices.listed(MailboxName.of("Projects"));
        Notices.Batch created = notices.drain();
        assertTrue(created.folderList());
        assertFalse(Watch.outsideThePlan(created, planned), "a new folder may be one the options select");
        notices.everything();
        assertFalse(Watch.outsideThePlan(notices.drain(), planned));
    }

    @Test
    void aPollNoticesFoldersChangedAddedAndGone() {
        StatusData inbox = status(MailboxName.INBOX, 3, 10);
        Map<MailboxName, StatusData> before = Map.of(
                MailboxName.INBOX,
                inbox,
                WORK,
                status(WORK, 1, 2),
                MailboxName.of("Old"),
                status(MailboxName.of("Old"), 0, 1));
        Map<MailboxName, StatusData> after = Map.of(
                MailboxName.INBOX,
                status(MailboxName.INBOX, 3, 10),
                WORK,
                status(WORK, 2, 3),
                MailboxName.of("New"),
                status(MailboxName.of("New"), 0, 1));
        assertEquals(Set.of(WORK, MailboxName.of("Old"), MailboxName.of("New")), PollingFeed.changed(before, after));
        assertEquals(Set.of(), PollingFeed.changed(after, after));
    }

    private static StatusData status(MailboxName folder, long messages, long uidNext) {
        return new StatusData(folder, Map.of("MESSAGES", messages, "UIDNEXT", uidNext, "UIDVALIDITY", 7L));
    }
}
