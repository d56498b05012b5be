package org.imapferry.engine.state;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates the files a run leaves behind (state, lock, logs, reports, the batch's failed lines)
 * readable by their owner only: they name users and subjects, and the failed lines hold passwords.
 * The mode is given to the call that creates the file (open(2)'s mode argument), so there is no
 * moment at which another user could open it before a chmod. Directories that do not exist yet are
 * created 0700, files 0600. A file system without POSIX permissions gets plain files.
 */
public final class PrivateFiles {
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Creates the directory and any missing parents owner-only; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, attributes(dir, DIRECTORY));
    }

    /**
     * Creates the file empty, owner-only, with its missing directories.
     *
     * @return false when it already exists: it is left as it is
     */
    public static boolean createFile(Path file) throws IOException {
        createParent(file);
        try {
            Files.createFile(file, attributes(file, FILE));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Opens a channel on the file, created owner-only when it does not exist yet. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        createParent(file);
        Set<OpenOption> all = Set.of(options);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            restrict(file);
        }
        return FileChannel.open(file, all, attributes(file, FILE));
    }

    /** A new or truncated owner-only file to write. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        return Channels.newOutputStream(
                open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** A new or truncated owner-only UTF-8 text file. */
    public static BufferedWriter newWriter(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newOutputStream(file), StandardCharsets.UTF_8));
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
    }

    /**
     * Takes the group and other bits off an existing regular file (one an earlier version wrote);
     * anything else (a device like /dev/null) is left alone.
     */
    public static void restrict(Path file) throws IOException {
        if (!posix(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
        now.stream().filter(FILE::contains).forEach(kept::add);
        if (!kept.equals(now)) {
            Files.setPosixFilePermissions(file, kept);
        }
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> mode) {
        return posix(path)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
