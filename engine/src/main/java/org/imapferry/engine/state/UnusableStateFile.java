package org.imapferry.engine.state;

import java.nio.file.Path;

/**
 * A state file that this version cannot use: found while opening it, before anything is written
 * to it or to a server. The run stops; the file is left as it was.
 */
public final class UnusableStateFile extends StateException {
    /** Why the file is refused. */
    public enum Reason {
        NOT_SQLITE("is not an SQLite database"),
        FOREIGN("is an SQLite database of another program"),
        OLDER_SCHEMA("was written by an earlier imapferry, whose state rows do not name their account pair"),
        NEWER_SCHEMA("was written by a later imapferry"),
        CORRUPT("is damaged");

        private final String meaning;

        Reason(String meaning) {
            this.meaning = meaning;
        }
    }

    private final Path file;
    private final Reason reason;

    public UnusableStateFile(Path file, Reason reason, String detail, Throwable cause) {
        super("the state file " + file + " " + reason.meaning + (detail == null ? "" : " (" + detail + ")"), cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public Reason reason() {
        return reason;
    }
}
