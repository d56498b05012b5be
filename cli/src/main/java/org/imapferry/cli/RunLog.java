package org.imapferry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.imapferry.engine.state.PrivateFiles;

/**
 * Where a run's text goes: the console and, unless --nolog, a log file (imapsync's default
 * location is {@code LOG_imapsync/}; ours is {@code LOG_imapferry/}). Everything written to
 * {@link #out()} lands in both, and so does {@link #err()}; in the file, each line starts with a
 * timestamp, while the console keeps imapsync's layout. The file and its new folders are
 * owner-only: they name users and subjects.
 */
public final class RunLog implements AutoCloseable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintWriter file;
    private final Path path;

    private RunLog(PrintWriter console, PrintWriter consoleErr, PrintWriter file, Path path) {
        this.file = file;
        this.path = path;
        this.out = file == null ? console : both(console, file);
        this.err = file == null ? consoleErr : both(consoleErr, file);
    }

    private static PrintWriter both(PrintWriter console, PrintWriter file) {
        return new PrintWriter(
                new Writer() {
                    @Override
                    public void write(char[] cbuf, int off, int len) {
                        console.write(cbuf, off, len);
                        file.write(cbuf, off, len);
                    }

                    @Override
                    public void flush() {
                        console.flush();
                        file.flush();
                    }

                    @Override
                    public void close() {
                        flush();
                    }
                },
                true);
    }

    public static RunLog open(
            PrintWriter console, PrintWriter consoleErr, boolean noLog, Path logFile, String user1, String user2) {
        if (noLog) {
            return new RunLog(console, consoleErr, null, null);
        }
        Path p = logFile != null ? logFile : defaultPath(user1, user2);
        try {
            return new RunLog(console, consoleErr, file(p, Clock.systemDefaultZone()), p);
        } catch (IOException e) {
            throw new UserError(
                    ExitCode.CATCH_ALL,
                    "cannot write the log file " + p + ": " + PasswordSource.describe(e)
                            + " (use --logfile FILE or --nolog)");
        }
    }

    /** A log file alone (a batch account's): owner-only, each line timestamped by the clock. */
    static PrintWriter file(Path p, Clock clock) throws IOException {
        return new PrintWriter(new TimestampedLines(PrivateFiles.newWriter(p), clock), true);
    }

    static Path defaultPath(String user1, String user2) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss_SSS"));
        return Path.of("LOG_imapferry", stamp + "_" + safe(user1) + "_" + safe(user2) + ".txt");
    }

    static String safe(String s) {
        return s == null ? "" : s.replaceAll("[^A-Za-z0-9@._-]", "_");
    }

    public PrintWriter out() {
        return out;
    }

    /** The error stream and the log file: a run that fails or is refused says why in its log too. */
    public PrintWriter err() {
        return err;
    }

    /** The log file, or null with --nolog. */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
        if (file != null) {
            file.close();
        }
    }
}
