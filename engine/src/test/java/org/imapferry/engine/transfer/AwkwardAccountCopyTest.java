package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The awkward account ({@link AwkwardAccount}) copied between real servers of different shapes,
 * then proven twice: by the engine's own Verifier and by {@link RawImap}, a client that shares
 * no code with the engine, comparing SHA-256 of BODY[], flags and INTERNALDATE folder by folder.
 */
@DovecotTest
class AwkwardAccountCopyTest {
    private static final List<AwkwardAccount.Seed> SEEDS = AwkwardAccount.messages();
    /**
     * GreenMail serves a bare-LF body with bare LFs, and Dovecot, as a target, stores every bare LF
     * as CRLF (RFC 5322 allows no bare LF): the relay copies the served bytes exactly, but they
     * cannot come back the same. Dovecot as a source already serves CRLF, so the Dovecot runs
     * keep the bare-LF message.
     */
    private static final List<AwkwardAccount.Seed> GREENMAIL_SEEDS = SEEDS.stream()
            .filter(s -> !new String(s.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("<barelf@x>"))
            .toList();

    @RegisterExtension
    static final DovecotExtension DOVECOT = DovecotExtension.plain();

    private static DovecotServer dovecot;

    @RegisterExtension
    static final DovecotExtension COURIER =
            DovecotExtension.builder().courierLike().build();

    private static DovecotServer courier;
    private static GreenMailServer greenMail;
    /** Dovecot without LITERAL+: every APPEND literal waits for "+"; MULTIAPPEND still on. */
    private static DovecotServer synchronizing;
    /** Dovecot with neither LITERAL+ nor MULTIAPPEND: one APPEND per message, each waiting for "+". */
    private static DovecotServer synchronizingSingle;

    @BeforeAll
    static void seed() throws IOException {
        dovecot = DOVECOT.server();
        courier = COURIER.server();
        greenMail = GreenMailServer.start();
        for (String user : List.of("awk", "dd", "gd", "cd", "dc")) {
            dovecot.addUser(user, Migrations.PASSWORD);
            courier.addUser(user, Migrations.PASSWORD);
        }
        greenMail.addUser("awk", Migrations.PASSWORD);
        List<String> capabilities;
        try (RawImap imap = RawImap.login(dovecot.host(), dovecot.port(), "awk", Migrations.PASSWORD)) {
            capabilities = new java.util.ArrayList<>(imap.capabilities());
        }
        assertTrue(capabilities.remove("LITERAL+"), capabilities::toString);
        synchronizing = DovecotServer.builder()
                .extraConfig("imap_capability = " + String.join(" ", capabilities))
                .start();
        synchronizing.addUser("sync", Migrations.PASSWORD);
        assertTrue(capabilities.remove("MULTIAPPEND"), capabilities::toString);
        synchronizingSingle = DovecotServer.builder()
                .extraConfig("imap_capability = " + String.join(" ", capabilities))
                .start();
        synchronizingSingle.addUser("single", Migrations.PASSWORD);
        AwkwardAccount.seed(dovecot, "awk", SEEDS);
        AwkwardAccount.seed(courier, "awk", SEEDS);
        AwkwardAccount.seed(greenMail, "awk", GREENMAIL_SEEDS);
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.close();
        }
        if (synchronizing != null) {
            synchronizing.close();
        }
        if (synchronizingSingle != null) {
            synchronizingSingle.close();
        }
    }

    @Test
    void dovecotToDovecot() throws IOException {
        copyAndProve(SEEDS, dovecot.host(), dovecot.port(), "", '/', dovecot.port(), "dd", "", '/');
    }

    @Test
    void greenMailToDovecot() throws IOException {
        copyAndProve(GREENMAIL_SEEDS, greenMail.host(), greenMail.port(), "", '.', dovecot.port(), "gd", "", '/');
    }

    @Test
    void dovecotToCourierLikeDovecot() throws IOException {
        copyAndProve(SEEDS, dovecot.host(), dovecot.port(), "", '/', courier.port(), "dc", "INBOX.", '.');
    }

    @Test
    void courierLikeDovecotToDovecot() throws IOException {
        copyAndProve(SEEDS, courier.host(), courier.port(), "INBOX.", '.', dovecot.port(), "cd", "", '/');
    }

    @Test
    void dovecotToDovecotWithoutLiteralPlus() throws IOException {
        try (RawImap imap = RawImap.login(synchronizing.host(), synchronizing.port(), "sync", Migrations.PASSWORD)) {
            List<String> capabilities = imap.capabilities();
            assertTrue(
                    !capabilities.contains("LITERAL+") && capabilities.contains("MULTIAPPEND"), capabilities::toString);
        }
        copyAndProve(SEEDS, dovecot.host(), dovecot.port(), "", '/', synchronizing.port(), "sync", "", '/');
    }

    @Test
    void dovecotToDovecotWithoutLiteralPlusOrMultiappend() throws IOException {
        copyAndProve(SEEDS, dovecot.host(), dovecot.port(), "", '/', synchronizingSingle.port(), "single", "", '/');
    }

    private void copyAndProve(
            List<AwkwardAccount.Seed> seeds,
            String sourceHost,
            int sourcePort,
            String sourcePrefix,
            char sourceSep,
            int targetPort,
            String targetUser,
            String targetPrefix,
            char targetSep)
            throws IOException {
        SyncOptions options = SyncOptions.defaults(
                Migrations.endpoint(sourceHost, sourcePort, "awk"),
                Migrations.endpoint("127.0.0.1", targetPort, targetUser));
        SyncReport report = Migrations.runClean(options);
        assertEquals(seeds.size(), report.copied(), () -> Migrations.describe(report));
        assertEquals(0, report.failed());

        VerifyReport verified = Migrations.verify(options);
        assertEquals(seeds.size(), verified.identical(), verified::toString);

        Map<String, List<RawImap.Message>> source = Migrations.snapshot(sourceHost, sourcePort, "awk");
        Map<String, List<RawImap.Message>> target = Migrations.snapshot("127.0.0.1", targetPort, targetUser);
        Set<List<String>> folders = new LinkedHashSet<>();
        seeds.forEach(s -> folders.add(s.folder()));
        for (List<String> folder : folders) {
            String from = AwkwardAccount.name(folder, sourcePrefix, sourceSep);
            String to = AwkwardAccount.name(folder, targetPrefix, targetSep);
            long seeded = seeds.stream().filter(s -> s.folder().equals(folder)).count();
            assertTrue(source.containsKey(from), () -> "source lacks " + from + ": " + source.keySet());
            assertTrue(target.containsKey(to), () -> "target lacks " + to + ": " + target.keySet());
            assertEquals(seeded, source.get(from).size(), "seeded into " + from);
            Migrations.assertSameMessages(from + " -> " + to, source.get(from), target.get(to));
        }
        assertEquals(seeds.size(), Migrations.total(target), () -> "messages outside their folders: " + target);

        // Shared Message-IDs and exact duplicates are where a key-based second run goes wrong.
        SyncReport again = Migrations.runClean(options);
        assertEquals(0, again.copied(), () -> Migrations.describe(again));
        assertEquals(seeds.size(), again.skipped(), () -> Migrations.describe(again));
        assertEquals(target, Migrations.snapshot("127.0.0.1", targetPort, targetUser), "second run changed the target");
    }
}
