package org.imapferry.engine.transfer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.protocol.types.Secret;

/**
 * Runs one sync in its own JVM, for tests that need a small heap: {@code host port sourceUser
 * targetUser password}. Prints {@code copied=}, {@code errors=} and {@code peakHeapBytes=} (the
 * sum of the heap pools' peaks: an upper bound of the heap ever in use) and exits 0 only if
 * exactly one message was copied without any error.
 */
public final class LargeCopyMain {
    private LargeCopyMain() {}

    public static void main(String[] args) {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Secret password = Secret.of(args[4]);
        SyncOptions options = SyncOptions.defaults(
                        Endpoint.plain(host, port, args[2], password), Endpoint.plain(host, port, args[3], password))
                .withConnections(1);
        SyncReport report = new SyncEngine(options, SyncListener.NONE).run();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("copied=" + report.copied());
        System.out.println("bytesCopied=" + report.bytesCopied());
        System.out.println("errors=" + report.errors());
        System.out.println("peakHeapBytes=" + peak);
        System.out.println("maxHeapBytes=" + Runtime.getRuntime().maxMemory());
        System.out.flush();
        System.exit(report.copied() == 1 && report.errors().isEmpty() && !report.aborted() ? 0 : 1);
    }
}
