package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.Verifier;
import org.imapferry.engine.verify.VerifyOptions;
import org.imapferry.engine.verify.VerifyReport;
import org.imapferry.protocol.types.Secret;

/** Running the engine and checking what it did, for the transfer tests. */
final class Migrations {
    static final String PASSWORD = "pw";

    private Migrations() {}

    static Endpoint endpoint(String host, int port, String user) {
        return Endpoint.plain(host, port, user, Secret.of(PASSWORD));
    }

    static Endpoint endpoint(String host, int port, String user, Duration timeout) {
        return Endpoint.plain(host, port, user, Secret.of(PASSWORD), timeout);
    }

    static SyncReport run(SyncOptions options) {
        return new SyncEngine(options, SyncListener.NONE).run();
    }

    static String describe(SyncReport report) {
        StringBuilder out = new StringBuilder("copied=" + report.copied() + " failed=" + report.failed() + " skipped="
                + report.skipped() + " aborted=" + report.aborted() + " errors=" + report.errors());
        for (SyncReport.FolderReport f : report.folders()) {
            out.append("\n  ")
                    .append(f.source())
                    .append(" -> ")
                    .append(f.target())
                    .append(": found=")
                    .append(f.found())
                    .append(" copied=")
                    .append(f.copied())
                    .append(" notes=")
                    .append(f.notes());
        }
        return out.toString();
    }

    static SyncReport runClean(SyncOptions options) {
        SyncReport report = run(options);
        assertTrue(report.complete(), () -> describe(report));
        return report;
    }

    static VerifyReport verify(SyncOptions options) {
        VerifyReport report = new Verifier(options, VerifyOptions.strict()).run();
        assertTrue(report.clean(), () -> "verifier found differences: " + report);
        return report;
    }

    /** Every selectable folder of an account and its messages, read by the independent client. */
    static Map<String, List<RawImap.Message>> snapshot(String host, int port, String user) throws IOException {
        Map<String, List<RawImap.Message>> all = new TreeMap<>();
        try (RawImap imap = RawImap.login(host, port, user, PASSWORD)) {
            for (String folder : imap.selectableFolders()) {
                all.put(folder, imap.snapshot(folder));
            }
        }
        return all;
    }

    /** The same, without empty folders (servers create special-use folders on their own). */
    static Map<String, List<RawImap.Message>> nonEmpty(Map<String, List<RawImap.Message>> snapshot) {
        Map<String, List<RawImap.Message>> out = new TreeMap<>(snapshot);
        out.values().removeIf(List::isEmpty);
        return out;
    }

    static long total(Map<String, List<RawImap.Message>> snapshot) {
        return snapshot.values().stream().mapToLong(List::size).sum();
    }

    /** Asserts two folder snapshots hold the same messages (bytes, flags, date) as multisets. */
    static void assertSameMessages(String what, List<RawImap.Message> expected, List<RawImap.Message> actual) {
        List<RawImap.Message> e = new ArrayList<>(expected);
        List<RawImap.Message> a = new ArrayList<>(actual);
        assertEquals(e, a, what);
    }
}
