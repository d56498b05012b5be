package org.imapferry.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void newDirectoriesAndFilesAreOwnerOnly() throws Exception {
        Path file = dir.resolve("LOG_imapferry/batch_1/0001_alice_alice.txt");
        try (Writer w = PrivateFiles.newWriter(file)) {
            w.write("alice\n");
        }
        assertEquals("rw-------", SyncStateTest.mode(file));
        assertEquals("rwx------", SyncStateTest.mode(file.getParent()));
        assertEquals("rwx------", SyncStateTest.mode(dir.resolve("LOG_imapferry")));
    }

    @Test
    void rewritingTruncatesAndTightensAnExistingFile() throws Exception {
        Path file = dir.resolve("accounts.csv.failed");
        Files.writeString(file, "a long line of an earlier batch\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        try (Writer w = PrivateFiles.newWriter(file)) {
            w.write("b\n");
        }
        assertEquals("b\n", Files.readString(file));
        assertEquals("rw-------", SyncStateTest.mode(file));
    }

    @Test
    void anExistingDirectoryIsLeftAsItIs() throws Exception {
        Path shared = Files.createDirectory(
                dir.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertTrue(PrivateFiles.createFile(shared.resolve("report.json")));
        assertEquals("rwxr-xr-x", SyncStateTest.mode(shared));
        assertEquals("rw-------", SyncStateTest.mode(shared.resolve("report.json")));
        Files.setPosixFilePermissions(shared.resolve("report.json"), PosixFilePermissions.fromString("rw-r--r--"));
        assertFalse(PrivateFiles.createFile(shared.resolve("report.json")));
        assertEquals("rw-r--r--", SyncStateTest.mode(shared.resolve("report.json")), "an existing file is left");
    }
}
