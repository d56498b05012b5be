package org.imapferry.engine.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One migration at a time per account pair and per state file: two runs that copy into the same
 * account both see a message missing and both append it. Each lock is an exclusive OS lock on a
 * {@code .lock} file, which names its holder (pid, host, start time) for the run that is refused.
 * The OS drops the lock when the process dies, so a crash leaves no stale lock behind.
 *
 * <p>Within one JVM (a batch) the locks held are also kept in a table, checked before any file is
 * opened: an OS lock belongs to the process, a second lock on the same file from the same JVM
 * throws {@link OverlappingFileLockException}, and closing any other channel on a locked file may
 * drop the process's lock (see {@link FileLock}), so a refused attempt must not even open it.
 */
public final class AccountLock implements AutoCloseable {
    private static final Map<Path, Holder> HELD_HERE = new HashMap<>();

    private final List<Held> held;

    /** Who holds a lock, as its lock file says. */
    public record Holder(long pid, String host, Instant started) {
        static Holder current() {
            return new Holder(ProcessHandle.current().pid(), hostName(), Instant.now());
        }

        String text() {
            return "pid=" + pid + "\nhost=" + host + "\nstarted=" + started + "\n";
        }

        /** The holder a lock file names, or null when it names none (written by nothing we know). */
        static Holder parse(String text) {
            Map<String, String> fields = new HashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1).strip());
                }
            }
            if (!fields.containsKey("pid") || !fields.containsKey("started")) {
                return null;
            }
            try {
                return new Holder(
                        Long.parseLong(fields.get("pid")),
                        fields.getOrDefault("host", "?"),
                        Instant.parse(fields.get("started")));
            } catch (NumberFormatException | DateTimeParseException e) {
                return null;
            }
        }

        public String describe() {
            return "pid " + pid + " on " + host + ", started " + started;
        }
    }

    private record Held(Path file, FileChannel channel, FileLock lock) {}

    private AccountLock(List<Held> held) {
        this.held = held;
    }

    /**
     * The lock files of a run: one beside the state file, and one for the account pair in the
     * default state folder (the same file when the state file is the default one).
     *
     * @param stateFile the run's state file, or null with --no-state
     */
    public static List<Path> files(Path stateFile, Path defaultStateFile) {
        Set<Path> files = new LinkedHashSet<>();
        if (stateFile != null) {
            files.add(lockFile(stateFile));
        }
        files.add(lockFile(defaultStateFile));
        return List.copyOf(files);
    }

    private static Path lockFile(Path stateFile) {
        Path absolute = stateFile.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /**
     * Takes every lock or none.
     *
     * @throws AccountLocked when another run holds one of them
     * @throws StateException when a lock file cannot be created
     */
    public static AccountLock acquire(List<Path> files) {
        List<Held> taken = new ArrayList<>();
        try {
            for (Path file : files) {
                taken.add(take(file));
            }
            return new AccountLock(taken);
        } catch (RuntimeException e) {
            new AccountLock(taken).close();
            throw e;
        }
    }

    private static Held take(Path file) {
        Path key;
        try {
            key = PrivateFiles.createDirectories(file.getParent()).toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            throw new StateException("cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
        synchronized (HELD_HERE) {
            Holder here = HELD_HERE.get(key);
            if (here != null) {
                throw new AccountLocked(file, here);
            }
            FileChannel channel = null;
            try {
                channel = PrivateFiles.open(
                        key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Locked by this JVM through another path to the same file. Closing our channel
                    // could drop that lock, so it stays open (until the JVM exits).
                    throw new AccountLocked(file, Holder.parse(read(channel)));
                }
                if (lock == null) {
                    Holder other = Holder.parse(read(channel));
                    channel.close();
                    throw new AccountLocked(file, other);
                }
                Holder me = Holder.current();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(me.text().getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD_HERE.put(key, me);
                return new Held(key, channel, lock);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new StateException("cannot lock " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512); // a holder's text is three short lines
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer, buffer.position());
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // releasing: the OS drops the lock with the process anyway
        }
    }

    /** Releases every lock; the files stay, so that a run waiting to open one never locks a deleted file. */
    @Override
    public void close() {
        synchronized (HELD_HERE) {
            for (Held h : held) {
                try {
                    h.channel().truncate(0);
                    h.lock().release();
                } catch (IOException ignored) {
                    // closing the channel below releases the lock all the same
                }
                closeQuietly(h.channel());
                HELD_HERE.remove(h.file());
            }
            held.clear();
        }
    }
}
