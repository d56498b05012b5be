package org.imapferry.engine.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncEngine;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.protocol.types.Secret;

/** Servers, accounts and messages shared by the verification tests. */
final class VerifyFixtures {
    static final String PASSWORD = "pw";
    /** Not 12:xx: GreenMail reads APPEND dates on a 12-hour clock. */
    static final Instant DATE = Instant.parse("2021-03-04T09:15:30Z");

    private static final AtomicInteger USERS = new AtomicInteger();

    private VerifyFixtures() {}

    /**
     * One of the two test servers, with accounts added ahead of use: Dovecot rereads its passwd
     * file at most once a second, so an account added just after a login may not exist yet.
     */
    abstract static class Server {
        private final java.util.Deque<String> ready = new java.util.ArrayDeque<>();

        abstract String host();

        abstract int port();

        abstract void addUser(String user, String password);

        abstract void deliver(String user, String folder, byte[] message, Set<String> flags, Instant date);

        abstract String kind();

        /** Adds {@code n} accounts now, before anything logs in, for {@link #newUser} to hand out. */
        Server withAccounts(int n) {
            for (int i = 0; i < n; i++) {
                String user = "u" + USERS.incrementAndGet();
                addUser(user, PASSWORD);
                ready.add(user);
            }
            return this;
        }

        /** A fresh account, so tests sharing a server never see each other's mail. */
        synchronized String newUser() {
            String user = ready.poll();
            if (user == null) {
                throw new IllegalStateException("no accounts left on " + kind() + ": raise withAccounts(n)");
            }
            return user;
        }

        @Override
        public String toString() {
            return kind();
        }

        static Server of(DovecotServer d) {
            return new Server() {
                String host() {
                    return d.host();
                }

                int port() {
                    return d.port();
                }

                void addUser(String u, String p) {
                    d.addUser(u, p);
                }

                void deliver(String u, String f, byte[] m, Set<String> flags, Instant date) {
                    d.deliver(u, f, m, flags, date);
                }

                String kind() {
                    return "Dovecot";
                }
            };
        }

        static Server of(GreenMailServer g) {
            return new Server() {
                String host() {
                    return g.host();
                }

                int port() {
                    return g.port();
                }

                void addUser(String u, String p) {
                    g.addUser(u, p);
                }

                void deliver(String u, String f, byte[] m, Set<String> flags, Instant date) {
                    g.deliver(u, f, m, flags, date);
                }

                String kind() {
                    return "GreenMail";
                }
            };
        }
    }

    static byte[] message(String subject) {
        return message(subject, "<" + subject + "@verify.example>", "Body of " + subject + ".\r\n");
    }

    static byte[] message(String subject, String messageId, String body) {
        return ("From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: " + subject + "\r\n"
                        + "Date: Thu, 04 Mar 2021 09:15:00 +0000\r\nMessage-ID: " + messageId + "\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    static SyncOptions options(Server source, String sourceUser, Server target, String targetUser) {
        return SyncOptions.defaults(
                Endpoint.plain(source.host(), source.port(), sourceUser, Secret.of(PASSWORD)),
                Endpoint.plain(target.host(), target.port(), targetUser, Secret.of(PASSWORD)));
    }

    /** Copies with the engine and checks that the copy itself succeeded. */
    static SyncReport copy(SyncOptions options) {
        SyncReport report = new SyncEngine(options, SyncListener.NONE).run();
        assertTrue(report.errors().isEmpty(), "copy failed: " + report.errors());
        return report;
    }

    static VerifyReport verify(SyncOptions options, VerifyOptions verifyOptions) {
        return new Verifier(options, verifyOptions).run();
    }

    /** A session of its own on {@code server}, as {@code user}, independent of the code under test. */
    static RawImap login(Server server, String user) {
        RawImap client = RawImap.connect(server.host(), server.port());
        String status = client.status("LOGIN " + user + " " + PASSWORD);
        assertTrue(status.startsWith("OK"), status);
        return client;
    }

    /** The UIDs of the messages whose subject contains {@code subject}, in a fresh session. */
    static List<Long> uids(Server server, String user, String folder, String subject) {
        try (RawImap client = login(server, user)) {
            String examine = client.status("EXAMINE \"" + folder + "\"");
            assertTrue(examine.startsWith("OK"), examine);
            List<Long> uids = new ArrayList<>();
            for (String line : client.lines("UID SEARCH SUBJECT \"" + subject + "\"")) {
                if (line.startsWith("* SEARCH")) {
                    for (String n : line.substring("* SEARCH".length()).trim().split(" +")) {
                        if (!n.isEmpty()) {
                            uids.add(Long.parseLong(n));
                        }
                    }
                }
            }
            return uids;
        }
    }

    static long uid(Server server, String user, String folder, String subject) {
        List<Long> uids = uids(server, user, folder, subject);
        assertTrue(
                uids.size() == 1,
                "expected one message \"" + subject + "\" in " + folder + " on " + server + ", found UIDs " + uids);
        return uids.get(0);
    }

    /** Runs a command in {@code folder} (SELECTed, read-write) in a fresh session and checks it succeeded. */
    static List<String> inFolder(Server server, String user, String folder, String command) {
        try (RawImap client = login(server, user)) {
            String select = client.status("SELECT \"" + folder + "\"");
            assertTrue(select.startsWith("OK"), select);
            List<String> lines = client.lines(command);
            assertTrue(lines.get(lines.size() - 1).contains(" OK"), command + ": " + lines);
            return lines;
        }
    }

    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");

    /** The flags of message {@code uid}, read with EXAMINE in a fresh session. */
    static String flags(Server server, String user, String folder, long uid) {
        try (RawImap client = login(server, user)) {
            String examine = client.status("EXAMINE \"" + folder + "\"");
            assertTrue(examine.startsWith("OK"), examine);
            for (String line : client.lines("UID FETCH " + uid + " (FLAGS)")) {
                Matcher m = FLAGS.matcher(line);
                if (line.startsWith("* ") && m.find()) {
                    return m.group(1);
                }
            }
            throw new AssertionError("no FLAGS for UID " + uid + " in " + folder + " on " + server);
        }
    }

    static VerifyReport.FolderResult folder(VerifyReport report, String source) {
        return report.folders().stream()
                .filter(f -> f.source().equals(source))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + source + " in " + report));
    }
}
