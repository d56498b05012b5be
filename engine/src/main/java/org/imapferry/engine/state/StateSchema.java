package org.imapferry.engine.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The tables of a state file and the marks that say it is one: SQLite's {@code application_id}
 * (the header field meant for "the application that owns the file") and {@code user_version} for
 * the schema. A file without tables gets them; any other file is checked and refused, never
 * altered, when it is not ours or of a schema this version cannot read.
 */
final class StateSchema {
    /** "IMFY": imapferry's application_id. */
    static final int APPLICATION_ID = 0x494D4659;
    /** 1: folder rows keyed by the account pair, each naming the selection of its last completed run. */
    static final int VERSION = 1;

    private StateSchema() {}

    /** Checks the file, creating the tables in an empty one; then sets the run's connection settings. */
    static void prepare(Connection db, Path file) throws SQLException {
        try (Statement s = db.createStatement()) {
            int applicationId = intPragma(s, "application_id");
            int version = intPragma(s, "user_version");
            List<String> tables = tables(s);
            boolean created = applicationId == 0 && version == 0 && tables.isEmpty();
            if (created) {
                create(s);
            } else if (applicationId == 0 && tables.containsAll(List.of("folder", "message"))) {
                throw new UnusableStateFile(file, UnusableStateFile.Reason.OLDER_SCHEMA, null, null);
            } else if (applicationId != APPLICATION_ID) {
                throw new UnusableStateFile(
                        file,
                        UnusableStateFile.Reason.FOREIGN,
                        "application_id " + applicationId + ", tables " + tables,
                        null);
            } else if (version < VERSION) {
                throw new UnusableStateFile(
                        file,
                        UnusableStateFile.Reason.OLDER_SCHEMA,
                        "schema " + version + ", this version reads " + VERSION,
                        null);
            } else if (version > VERSION) {
                throw new UnusableStateFile(
                        file,
                        UnusableStateFile.Reason.NEWER_SCHEMA,
                        "schema " + version + ", this version reads " + VERSION,
                        null);
            }
            checkIntegrity(s, file);
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA foreign_keys=ON");
        }
    }

    /** The SQLite failures that mean the file itself is bad, as such; others stay state errors. */
    static StateException classify(Path file, SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB) {
                return new UnusableStateFile(file, UnusableStateFile.Reason.NOT_SQLITE, null, e);
            }
            if (code == SQLiteErrorCode.SQLITE_CORRUPT || code.name().startsWith("SQLITE_CORRUPT_")) {
                return new UnusableStateFile(file, UnusableStateFile.Reason.CORRUPT, e.getMessage(), e);
            }
        }
        return new StateException("cannot open the state file " + file + ": " + e.getMessage(), e);
    }

    private static void create(Statement s) throws SQLException {
        s.execute("CREATE TABLE account_pair (id INTEGER PRIMARY KEY, host1 TEXT NOT NULL, port1 INTEGER NOT NULL,"
                + " user1 TEXT NOT NULL, host2 TEXT NOT NULL, port2 INTEGER NOT NULL, user2 TEXT NOT NULL,"
                + " UNIQUE (host1, port1, user1, host2, port2, user2))");
        s.execute("CREATE TABLE folder (id INTEGER PRIMARY KEY, account_pair INTEGER NOT NULL"
                + " REFERENCES account_pair(id) ON DELETE CASCADE, source TEXT NOT NULL, target TEXT NOT NULL,"
                + " s_validity INTEGER, s_next INTEGER, s_messages INTEGER, s_modseq INTEGER, t_validity INTEGER,"
                + " t_next INTEGER, t_messages INTEGER, t_modseq INTEGER,"
                + " highest_source_uid INTEGER NOT NULL DEFAULT 0, selection TEXT,"
                + " UNIQUE (account_pair, source, target))");
        s.execute("CREATE TABLE message (folder INTEGER NOT NULL REFERENCES folder(id) ON DELETE CASCADE,"
                + " source_uid INTEGER NOT NULL, target_uid INTEGER NOT NULL, flags TEXT NOT NULL,"
                + " PRIMARY KEY (folder, source_uid))");
        s.execute("PRAGMA application_id=" + APPLICATION_ID);
        s.execute("PRAGMA user_version=" + VERSION);
    }

    /** quick_check reads every page but skips the index-content cross-check: O(N), not O(N log N). */
    private static void checkIntegrity(Statement s, Path file) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
        }
        if (!problems.equals(List.of("ok"))) {
            throw new UnusableStateFile(
                    file,
                    UnusableStateFile.Reason.CORRUPT,
                    String.join("; ", problems.subList(0, Math.min(3, problems.size()))),
                    null);
        }
    }

    private static int intPragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static List<String> tables(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
