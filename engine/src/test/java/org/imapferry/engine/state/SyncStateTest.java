package org.imapferry.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStateTest {
    static final AccountPair ALICE = new AccountPair("old.example", 993, "alice", "new.example", 993, "alice");
    static final AccountPair BOB = new AccountPair("old.example", 993, "bob", "new.example", 993, "bob");
    static final FolderState SEEN = new FolderState(
            new MailboxStatus(7, 11, 10, 0),
            new MailboxStatus(9, 11, 10, 0),
            10,
            new SelectionFingerprint(20_000L, null, null, null, null, List.of("Message-ID"), false).text());

    @TempDir
    Path dir;

    @Test
    void aNewFileIsOwnerOnlyWithItsJournalAndDirectory() throws Exception {
        Path file = dir.resolve("home/.imapferry/state/pair.sqlite");
        try (SyncState state = SyncState.open(file, ALICE)) {
            state.pair("INBOX", "INBOX", new SyncState.MessagePair(1, 1, "\\Seen"));
            state.commit();
            for (String name : new String[] {"pair.sqlite", "pair.sqlite-wal", "pair.sqlite-shm"}) {
                Path p = file.resolveSibling(name);
                assertEquals("rw-------", mode(p), name);
            }
        }
        assertEquals("rwx------", mode(dir.resolve("home/.imapferry/state")));
        assertEquals("rwx------", mode(dir.resolve("home")));
    }

    @Test
    void aFileOfAnEarlierVersionLosesGroupAndOtherAccess() throws Exception {
        Path file = dir.resolve("old-mode.sqlite");
        SyncState.open(file, ALICE).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SyncState.open(file, ALICE).close();
        assertEquals("rw-------", mode(file));
    }

    @Test
    void theFileIsMarkedAsImapferrysOfThisSchema() throws Exception {
        Path file = dir.resolve("marked.sqlite");
        SyncState.open(file, ALICE).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement()) {
            assertEquals(StateSchema.APPLICATION_ID, intQuery(s, "PRAGMA application_id"));
            assertEquals(StateSchema.VERSION, intQuery(s, "PRAGMA user_version"));
        }
    }

    @Test
    void rowsOfOneAccountPairAreInvisibleToAnother() {
        Path file = dir.resolve("shared.sqlite");
        try (SyncState alice = SyncState.open(file, ALICE)) {
            alice.pair("INBOX", "INBOX", new SyncState.MessagePair(3, 30, ""));
            alice.completed("INBOX", "INBOX", SEEN);
        }
        try (SyncState bob = SyncState.open(file, BOB)) {
            assertNull(bob.folder("INBOX", "INBOX"));
            assertEquals(Map.of(), bob.pairs("INBOX", "INBOX"));
            bob.pair("INBOX", "INBOX", new SyncState.MessagePair(3, 99, "\\Flagged"));
            bob.reset("INBOX", "INBOX");
        }
        try (SyncState alice = SyncState.open(file, ALICE)) {
            assertEquals(SEEN, alice.folder("INBOX", "INBOX"));
            assertEquals(Map.of(3L, new SyncState.MessagePair(3, 30, "")), alice.pairs("INBOX", "INBOX"));
        }
    }

    @Test
    void pairsRecordedAfterAResetGoToTheFolderAnew() {
        Path file = dir.resolve("reset.sqlite");
        try (SyncState state = SyncState.open(file, ALICE)) {
            state.pair("INBOX", "INBOX", new SyncState.MessagePair(1, 10, ""));
            state.pair("Sent", "Sent", new SyncState.MessagePair(1, 5, ""));
            state.reset("INBOX", "INBOX");
            state.pair("INBOX", "INBOX", new SyncState.MessagePair(2, 20, "\\Seen"));
            state.forget("Sent", "Sent", 1);
            state.pair("Sent", "Sent", new SyncState.MessagePair(4, 6, ""));
            state.completed("INBOX", "INBOX", SEEN);
        }
        try (SyncState state = SyncState.open(file, ALICE)) {
            assertEquals(Map.of(2L, new SyncState.MessagePair(2, 20, "\\Seen")), state.pairs("INBOX", "INBOX"));
            assertEquals(Map.of(4L, new SyncState.MessagePair(4, 6, "")), state.pairs("Sent", "Sent"));
            assertEquals(SEEN, state.folder("INBOX", "INBOX"));
        }
    }

    @Test
    void aFolderIsRecordedCompleteWhenItsStatusComesAndNotWhenItFails() {
        Path file = dir.resolve("later.sqlite");
        CompletableFuture<FolderState> late = new CompletableFuture<>();
        try (SyncState state = SyncState.open(file, ALICE)) {
            CompletableFuture<FolderState> inbox = new CompletableFuture<>();
            state.completedWhen("INBOX", "INBOX", inbox);
            state.completedWhen("Sent", "Sent", CompletableFuture.failedFuture(new IllegalStateException("lost")));
            state.completedWhen("Trash", "Trash", late);
            inbox.complete(SEEN);
        }
        late.complete(SEEN);
        try (SyncState state = SyncState.open(file, ALICE)) {
            assertEquals(SEEN, state.folder("INBOX", "INBOX"));
            assertNull(state.folder("Sent", "Sent"));
            assertNull(state.folder("Trash", "Trash"), "its STATUS came after the file was closed");
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("notes.txt");
        byte[] text = "my notes, not a database\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        Files.write(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertRefused(file, UnusableStateFile.Reason.NOT_SQLITE);
        assertArrayEquals(text, Files.readAllBytes(file));
        assertEquals("rw-r--r--", mode(file));
    }

    @Test
    void anotherProgramsDatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("other.sqlite");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement()) {
            s.execute("CREATE TABLE bookmarks (url TEXT)");
            s.execute("INSERT INTO bookmarks VALUES ('https://example.org/')");
        }
        byte[] before = Files.readAllBytes(file);
        UnusableStateFile e = assertRefused(file, UnusableStateFile.Reason.FOREIGN);
        assertTrue(e.getMessage().contains("bookmarks"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(Files.notExists(file.resolveSibling("other.sqlite-wal")), "journal mode changed");
    }

    @Test
    void aFileOfTheSchemaBeforeAccountPairsIsRefused() throws Exception {
        Path file = dir.resolve("v0.sqlite");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement()) {
            s.execute("CREATE TABLE folder (id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL,"
                    + " UNIQUE (source, target))");
            s.execute("CREATE TABLE message (folder INTEGER NOT NULL, source_uid INTEGER NOT NULL,"
                    + " target_uid INTEGER NOT NULL, flags TEXT NOT NULL, PRIMARY KEY (folder, source_uid))");
        }
        assertRefused(file, UnusableStateFile.Reason.OLDER_SCHEMA);
    }

    @Test
    void aFileOfALaterSchemaIsRefused() throws Exception {
        Path file = dir.resolve("v2.sqlite");
        SyncState.open(file, ALICE).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = db.createStatement()) {
            s.execute("PRAGMA user_version=" + (StateSchema.VERSION + 1));
        }
        assertRefused(file, UnusableStateFile.Reason.NEWER_SCHEMA);
    }

    @Test
    void aDamagedFileIsRefused() throws Exception {
        Path file = dir.resolve("damaged.sqlite");
        try (SyncState state = SyncState.open(file, ALICE)) {
            for (long uid = 1; uid <= 2000; uid++) {
                state.pair("INBOX", "INBOX", new SyncState.MessagePair(uid, uid, "\\Seen $Label" + uid));
            }
        }
        long pages;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            pages = raf.length() / 4096;
            assertTrue(pages > 4, "pages: " + pages);
            byte[] noise = new byte[4096];
            Arrays.fill(noise, (byte) 0x5A);
            raf.seek(4096L * (pages / 2));
            raf.write(noise);
        }
        assertRefused(file, UnusableStateFile.Reason.CORRUPT);
    }

    private static UnusableStateFile assertRefused(Path file, UnusableStateFile.Reason reason) {
        UnusableStateFile e = assertThrows(
                UnusableStateFile.class, () -> SyncState.open(file, ALICE).close());
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    private static int intQuery(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
