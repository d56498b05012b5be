package org.imapferry.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountLockTest {
    @TempDir
    Path dir;

    @Test
    void aStateFileAndItsAccountPairGiveOneLockFileEachAndTheDefaultOnlyOne() {
        Path state = dir.resolve("custom.sqlite");
        Path byDefault = dir.resolve("home/.imapferry/state/a@h_1--b@h_2.sqlite");
        Path pairLock = byDefault.resolveSibling("a@h_1--b@h_2.sqlite.lock");
        assertEquals(List.of(dir.resolve("custom.sqlite.lock"), pairLock), AccountLock.files(state, byDefault));
        assertEquals(List.of(pairLock), AccountLock.files(byDefault, byDefault));
        assertEquals(List.of(pairLock), AccountLock.files(null, byDefault));
    }

    @SuppressWarnings("try") // the resource is held for the block, not used in it
    @Test
    void aSecondRunInTheSameJvmIsRefusedUntilTheFirstEnds() throws Exception {
        List<Path> files = List.of(dir.resolve("state.sqlite.lock"));
        try (AccountLock first = AccountLock.acquire(files)) {
            AccountLocked refused = assertThrows(AccountLocked.class, () -> AccountLock.acquire(files));
            assertEquals(files.get(0), refused.file());
            assertNotNull(refused.holder());
            assertEquals(ProcessHandle.current().pid(), refused.holder().pid());
            assertTrue(refused.getMessage().contains(files.get(0).toString()), refused.getMessage());
            assertTrue(
                    refused.getMessage()
                            .contains("pid " + ProcessHandle.current().pid()),
                    refused.getMessage());
        }
        AccountLock.acquire(files).close();
        assertEquals("rw-------", SyncStateTest.mode(files.get(0)));
    }

    @SuppressWarnings("try") // the resource is held for the block, not used in it
    @Test
    void theSameLockFileReachedByAnotherNameIsRefusedWithItsHolder() throws Exception {
        Path file = dir.resolve("state.sqlite.lock");
        try (AccountLock first = AccountLock.acquire(List.of(file))) {
            Path alias = Files.createLink(dir.resolve("alias.lock"), file);
            AccountLocked refused = assertThrows(AccountLocked.class, () -> AccountLock.acquire(List.of(alias)));
            assertNotNull(refused.holder(), refused.getMessage());
            assertEquals(ProcessHandle.current().pid(), refused.holder().pid());
            assertTrue(refused.getMessage().contains(alias.toString()), refused.getMessage());
        }
    }

    @SuppressWarnings("try") // the resource is held for the block, not used in it
    @Test
    void aRefusedRunReleasesTheLocksItHadTaken() {
        Path taken = dir.resolve("pair.lock");
        Path free = dir.resolve("state.lock");
        try (AccountLock other = AccountLock.acquire(List.of(taken))) {
            assertThrows(AccountLocked.class, () -> AccountLock.acquire(List.of(free, taken)));
            AccountLock.acquire(List.of(free)).close();
        }
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedAndItsDeathFreesTheLock() throws Exception {
        Path file = dir.resolve("shared.sqlite.lock");
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", lines.readLine());
            AccountLocked refused = assertThrows(AccountLocked.class, () -> AccountLock.acquire(List.of(file)));
            assertNotNull(refused.holder(), refused.getMessage());
            assertEquals(holder.pid(), refused.holder().pid());
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        AccountLock.acquire(List.of(file)).close();
    }

    /** A second process: takes the lock, says so, and holds it until it is killed. */
    static final class LockHolder {
        public static void main(String[] args) throws Exception {
            AccountLock.acquire(List.of(Path.of(args[0])));
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
