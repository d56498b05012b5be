package org.imapferry.engine.transfer;

import org.imapferry.engine.SyncReport;

/** A folder pass's numbers, as its report line gives them. */
record Counts(
        long found,
        long bytesFound,
        long copied,
        long bytesCopied,
        long skipped,
        long flagsUpdated,
        long deleted,
        long failed,
        SyncReport.Planned planned) {}
