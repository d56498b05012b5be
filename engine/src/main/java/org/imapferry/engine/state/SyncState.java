package org.imapferry.engine.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.connection.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a migration remembers between runs, in one SQLite file: per folder pair the STATUS of both
 * sides, the highest source UID handled and the selection the run made ({@link SelectionFingerprint}),
 * and for each copied message its source and target UID and the flags last written. Pairs are
 * written as APPENDs are answered and committed in batches, so a run killed at any point loses at
 * most a batch of pairs, and the next run finds those messages again by their keys instead of
 * copying them twice. Every folder row belongs to an account pair, so a file given to several
 * migrations never lends one of them another's UIDs.
 *
 * <p>Thread-safe: folders run in parallel and share one state.
 */
public final class SyncState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncState.class);
    private static final int COMMIT_EVERY = 500;

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Connection db;
    private final long accountPair;
    private int uncommitted;
    /**
     * Folder rows by source and target name. A copy records every message it copies: looking
     * the row up (and preparing the statements) anew for each one was a quarter of a copy's CPU.
     */
    private final Map<FolderNames, Long> folderIds = new HashMap<>();
    /** Prepared on first use, kept until {@link #close}: recording a pair is the hot path. */
    private PreparedStatement upsertPair;
    /**
     * Writes what {@link #completedWhen} hands over, one at a time, off the event loops that
     * learn of it: a commit waits for the disk.
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "imapferry-state");
        t.setDaemon(true);
        return t;
    });

    private record FolderNames(String source, String target) {}

    /** A message the state knows is on both sides. */
    public record MessagePair(long sourceUid, long targetUid, String flags) {}

    private SyncState(Connection db, long accountPair) {
        this.db = db;
        this.accountPair = accountPair;
    }

    /**
     * One file per account pair under {@code ~/.imapferry/state}, named after both accounts, so
     * a rerun of the same command finds its state without being told.
     */
    public static Path defaultPath(Endpoint source, Endpoint target) {
        String name = (source.describe() + "--" + target.describe()).replaceAll("[^A-Za-z0-9@._-]", "_");
        return Path.of(System.getProperty("user.home"), ".imapferry", "state", name + ".sqlite");
    }

    /**
     * Opens (or creates, owner-only) the state file and checks that it is one of ours, whole, and of
     * this schema, before the run touches a server; then finds or adds the account pair's row.
     *
     * @throws UnusableStateFile for a file that is not ours, of another schema, or damaged
     */
    public static SyncState open(Path file, AccountPair accounts) {
        try {
            if (!PrivateFiles.createFile(file)) {
                checkHeader(file);
            }
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try {
                StateSchema.prepare(db, file);
                PrivateFiles.restrict(file); // only now: a file that is not ours keeps its mode
                db.setAutoCommit(false);
                long id = accountPairId(db, accounts);
                db.commit();
                return new SyncState(db, id);
            } catch (SQLException | IOException | RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (SQLException e) {
            throw StateSchema.classify(file, e);
        } catch (IOException e) {
            throw new StateException("cannot open the state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** SQLite's own mark in the first 16 bytes, read before the driver may write anything. */
    private static void checkHeader(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return;
        }
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
            throw new UnusableStateFile(file, UnusableStateFile.Reason.NOT_SQLITE, null, null);
        }
    }

    private static long accountPairId(Connection db, AccountPair a) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT OR IGNORE INTO account_pair"
                + " (host1, port1, user1, host2, port2, user2) VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(insert, a);
            insert.executeUpdate();
        }
        try (PreparedStatement select = db.prepareStatement("SELECT id FROM account_pair WHERE host1 = ?"
                + " AND port1 = ? AND user1 = ? AND host2 = ? AND port2 = ? AND user2 = ?")) {
            bind(select, a);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement s, AccountPair a) throws SQLException {
        s.setString(1, a.host1());
        s.setInt(2, a.port1());
        s.setString(3, a.user1());
        s.setString(4, a.host2());
        s.setInt(5, a.port2());
        s.setString(6, a.user2());
    }

    private long folderId(String source, String target) throws SQLException {
        FolderNames names = new FolderNames(source, target);
        Long known = folderIds.get(names);
        if (known != null) {
            return known;
        }
        try (PreparedStatement insert =
                db.prepareStatement("INSERT OR IGNORE INTO folder (account_pair, source, target) VALUES (?, ?, ?)")) {
            insert.setLong(1, accountPair);
            insert.setString(2, source);
            insert.setString(3, target);
            insert.executeUpdate();
        }
        try (PreparedStatement select =
                db.prepareStatement("SELECT id FROM folder WHERE account_pair = ? AND source = ? AND target = ?")) {
            select.setLong(1, accountPair);
            select.setString(2, source);
            select.setString(3, target);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                folderIds.put(names, id);
                return id;
            }
        }
    }

    /** The last run's view of the folder pair, or null if it never completed one. */
    public synchronized FolderState folder(String source, String target) {
        try (PreparedStatement q = db.prepareStatement("SELECT s_validity, s_next, s_messages, s_modseq,"
                + " t_validity, t_next, t_messages, t_modseq, highest_source_uid, selection FROM folder"
                + " WHERE account_pair = ? AND source = ? AND target = ? AND s_validity IS NOT NULL")) {
            q.setLong(1, accountPair);
            q.setString(2, source);
            q.setString(3, target);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new FolderState(
                        new MailboxStatus(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                        new MailboxStatus(rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)),
                        rs.getLong(9),
                        rs.getString(10));
            }
        } catch (SQLException e) {
            throw new StateException("cannot read the state of " + source + ": " + e.getMessage(), e);
        }
    }

    /** The pairs known for a folder, by source UID. */
    public synchronized Map<Long, MessagePair> pairs(String source, String target) {
        Map<Long, MessagePair> pairs = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT m.source_uid, m.target_uid, m.flags FROM message m"
                + " JOIN folder f ON f.id = m.folder WHERE f.account_pair = ? AND f.source = ? AND f.target = ?"
                + " ORDER BY m.source_uid")) {
            q.setLong(1, accountPair);
            q.setString(2, source);
            q.setString(3, target);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    pairs.put(rs.getLong(1), new MessagePair(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return pairs;
        } catch (SQLException e) {
            throw new StateException("cannot read the state of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Records one copied (or matched) message; committed in batches. */
    public synchronized void pair(String source, String target, MessagePair pair) {
        try {
            if (upsertPair == null) {
                upsertPair = db.prepareStatement(
                        "INSERT OR REPLACE INTO message (folder, source_uid, target_uid, flags) VALUES (?, ?, ?, ?)");
            }
            upsertPair.setLong(1, folderId(source, target));
            upsertPair.setLong(2, pair.sourceUid());
            upsertPair.setLong(3, pair.targetUid());
            upsertPair.setString(4, pair.flags());
            upsertPair.executeUpdate();
            if (++uncommitted >= COMMIT_EVERY) {
                commit();
            }
        } catch (SQLException e) {
            throw new StateException("cannot record a copied message of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the pairs of a source UID, after the message left the source and the target. */
    public synchronized void forget(String source, String target, long sourceUid) {
        try (PreparedStatement delete =
                db.prepareStatement("DELETE FROM message WHERE folder = ? AND source_uid = ?")) {
            delete.setLong(1, folderId(source, target));
            delete.setLong(2, sourceUid);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateException("cannot update the state of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Drops everything known of a folder pair: its UIDs no longer mean what they meant. */
    public synchronized void reset(String source, String target) {
        try (PreparedStatement delete =
                db.prepareStatement("DELETE FROM folder WHERE account_pair = ? AND source = ? AND target = ?")) {
            delete.setLong(1, accountPair);
            delete.setString(2, source);
            delete.setString(3, target);
            delete.executeUpdate();
            folderIds.remove(new FolderNames(source, target));
            commit();
        } catch (SQLException e) {
            throw new StateException("cannot reset the state of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Marks a folder pair as completely handled at the given STATUS of both sides. */
    public synchronized void completed(String source, String target, FolderState state) {
        try (PreparedStatement update = db.prepareStatement("UPDATE folder SET s_validity = ?, s_next = ?,"
                + " s_messages = ?, s_modseq = ?, t_validity = ?, t_next = ?, t_messages = ?, t_modseq = ?,"
                + " highest_source_uid = ?, selection = ? WHERE id = ?")) {
            long id = folderId(source, target);
            MailboxStatus s = state.source();
            MailboxStatus t = state.target();
            long[] values = {
                s.uidValidity(),
                s.uidNext(),
                s.messages(),
                s.highestModSeq(),
                t.uidValidity(),
                t.uidNext(),
                t.messages(),
                t.highestModSeq(),
                state.highestSourceUid()
            };
            for (int i = 0; i < values.length; i++) {
                update.setLong(i + 1, values[i]);
            }
            update.setString(values.length + 1, state.selection());
            update.setLong(values.length + 2, id);
            update.executeUpdate();
            commit();
        } catch (SQLException e) {
            throw new StateException("cannot record the state of " + source + ": " + e.getMessage(), e);
        }
    }

    public synchronized void commit() {
        try {
            db.commit();
            uncommitted = 0;
        } catch (SQLException e) {
            throw new StateException("cannot write the state file: " + e.getMessage(), e);
        }
    }

    /**
     * Marks a folder pair complete once {@code state} is known (the target's STATUS, answered
     * while the pair goes on with its next folder), on a thread of the state's own. A state that
     * never comes (the connection lost) leaves the folder unrecorded: the next run reads it again.
     * {@link #close} writes whatever has come by then.
     */
    public void completedWhen(String source, String target, CompletableFuture<FolderState> state) {
        state.whenComplete((folder, failure) -> {
            if (failure != null) {
                LOG.warn("{}: not recorded as complete, the next run reads it again: {}", source, failure.toString());
                return;
            }
            try {
                writer.execute(() -> {
                    try {
                        completed(source, target, folder);
                    } catch (StateException e) {
                        LOG.warn(
                                "{}: not recorded as complete, the next run reads it again: {}",
                                source,
                                e.getMessage());
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warn("{}: its STATUS came after the state file was closed; the next run reads it again", source);
            }
        });
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeFile();
    }

    private synchronized void closeFile() {
        try {
            if (upsertPair != null) {
                upsertPair.close();
            }
            db.commit();
            db.close();
        } catch (SQLException e) {
            throw new StateException("cannot close the state file: " + e.getMessage(), e);
        }
    }
}
