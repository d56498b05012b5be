package org.imapferry.engine.testserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Dovecot (2.3) in a temporary folder, on free loopback ports, for tests against a
 * real server: see /work/shared/notes/dovecot-and-speed.md. A test class gets one through a
 * {@link DovecotExtension} (one server per class, started and stopped for it) and is marked
 * {@link DovecotTest}. A test that needs a server of its own starts one with {@link #builder()},
 * calls {@link #assumeAvailable()} first, and closes it to stop it and delete everything.
 *
 * <p>Run as root (as CI does), mail belongs to an unprivileged system user
 * {@value #MAIL_USER}, created on first use; Dovecot refuses to store mail as root. Run as
 * another user, Dovecot's own processes and the mail run as that user.
 */
public final class DovecotServer implements AutoCloseable {
    public static final String MAIL_USER = "imapferry-mail";
    /**
     * Folders every account has, with their special use. They are made with the account rather
     * than by Dovecot's {@code auto = create}: that creates them when a session first looks,
     * and several sessions of a new account looking at once race (one gets "Mailbox already
     * exists" or a dropped connection).
     */
    static final List<String> SPECIAL_USE = List.of("Sent", "Drafts", "Trash", "Junk", "Archive");

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicLong UNIQUE = new AtomicLong();

    /** Whether the server speaks TLS, and with which certificate. */
    public enum Tls {
        /** {@code ssl = no}: plain IMAP only. */
        NONE,
        /** STARTTLS and implicit TLS with a certificate for 127.0.0.1/localhost signed by a test CA. */
        CA_SIGNED,
        /** STARTTLS and implicit TLS with a self-signed certificate, which a verifying client refuses. */
        SELF_SIGNED
    }

    private final Path dir;
    private final Path usersFile;
    private final Path mailDir;
    private final MailOwner owner;
    private final char separator;
    private final String prefix;
    private final TestCertificates certificates;
    private final int port;
    private final int imapsPort;
    private final boolean compress;
    private final String extraConfig;
    private final Map<Path, List<String>> keywords = new HashMap<>();

    private DovecotServer(Builder builder, Path dir, MailOwner owner) throws IOException {
        this.dir = dir;
        this.owner = owner;
        this.separator = builder.separator;
        this.prefix = builder.prefix;
        this.extraConfig = builder.extraConfig;
        this.compress = builder.compress && Files.exists(Path.of("/usr/lib/dovecot/modules/lib30_imap_zlib_plugin.so"));
        this.usersFile = dir.resolve("users");
        this.mailDir = dir.resolve("mail");
        Files.createDirectories(mailDir);
        owner.chown(mailDir);
        Files.writeString(usersFile, "");
        this.certificates = switch (builder.tls) {
            case NONE -> null;
            case CA_SIGNED -> TestCertificates.signedByCa(dir.resolve("tls"), TestCertificates.LOOPBACK_NAMES);
            case SELF_SIGNED -> TestCertificates.selfSigned(dir.resolve("tls"), TestCertificates.LOOPBACK_NAMES);
        };
        int chosenPort = 0;
        int chosenImapsPort = 0;
        IOException failure = null;
        // A port found free may be taken before Dovecot binds it; try again with others.
        for (int attempt = 0; attempt < 3; attempt++) {
            chosenPort = FreePorts.next();
            chosenImapsPort = certificates == null ? 0 : FreePorts.next();
            Files.writeString(dir.resolve("dovecot.conf"), config(chosenPort, chosenImapsPort));
            try {
                launch(chosenPort);
                failure = null;
                break;
            } catch (IOException e) {
                failure = e;
                stopMaster();
                if (!log().contains("Address already in use")) {
                    break;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        this.port = chosenPort;
        this.imapsPort = chosenImapsPort;
    }

    /** True when the {@code dovecot} binary is installed. */
    public static boolean isAvailable() {
        return dovecotBinary() != null;
    }

    /**
     * Skips the calling test when Dovecot is missing, except on CI (environment CI=true), where a
     * missing Dovecot fails the test: CI installs it, so its absence is a broken setup.
     */
    public static void assumeAvailable() {
        if (isAvailable()) {
            return;
        }
        String advice = "dovecot not installed: apt-get install dovecot-imapd";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(advice + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.assumeTrue(false, advice);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain-IMAP server with '/' as separator. */
    public static DovecotServer start() {
        return builder().start();
    }

    /** Options of the server to start. */
    public static final class Builder {
        private char separator = '/';
        private String prefix = "";
        private Tls tls = Tls.NONE;
        private boolean compress;
        private String extraConfig = "";

        /** Courier/Cyrus-style names: separator '.', personal namespace prefix "INBOX.". */
        public Builder courierLike() {
            separator = '.';
            prefix = "INBOX.";
            return this;
        }

        public Builder separator(char separator) {
            this.separator = separator;
            return this;
        }

        public Builder tls(Tls tls) {
            this.tls = tls;
            return this;
        }

        /** Announce COMPRESS=DEFLATE (the imap_zlib plugin), when the plugin is installed. */
        public Builder compress(boolean compress) {
            this.compress = compress;
            return this;
        }

        /** Settings appended to the generated dovecot.conf, for what the options here do not cover. */
        public Builder extraConfig(String settings) {
            this.extraConfig = settings.endsWith("\n") ? settings : settings + "\n";
            return this;
        }

        public DovecotServer start() {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("imapferry-dovecot-");
                // Dovecot's auth process (user dovecot) must traverse to the passwd file.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                return new DovecotServer(this, dir, MailOwner.find());
            } catch (IOException e) {
                if (dir != null) {
                    deleteTree(dir);
                }
                throw new UncheckedIOException("cannot start Dovecot: " + e.getMessage(), e);
            }
        }
    }

    public String host() {
        return HOST;
    }

    /** The IMAP port (plain, with STARTTLS when TLS is on). */
    public int port() {
        return port;
    }

    /** The implicit-TLS port; only when started with TLS. */
    public int imapsPort() {
        if (certificates == null) {
            throw new IllegalStateException("this Dovecot was started without TLS");
        }
        return imapsPort;
    }

    /** The certificates the server uses; {@code caFile()} is what a client's trust file takes. */
    public TestCertificates certificates() {
        if (certificates == null) {
            throw new IllegalStateException("this Dovecot was started without TLS");
        }
        return certificates;
    }

    public char separator() {
        return separator;
    }

    /** The personal namespace prefix: "" or "INBOX.". */
    public String prefix() {
        return prefix;
    }

    public boolean hasCompress() {
        return compress;
    }

    /** The folder of this instance (its config, log, mail). */
    public Path directory() {
        return dir;
    }

    /** Adds an account; Dovecot rereads the passwd file when it changes, so this works while running. */
    public void addUser(String name, String password) {
        addUsers(Map.of(name, password));
    }

    /** Adds accounts in one change of the passwd file, so one wait serves them all. */
    public synchronized void addUsers(Map<String, String> passwords) {
        StringBuilder lines = new StringBuilder();
        passwords.forEach((name, password) -> {
            if (name.contains(":") || password.contains(":") || password.contains("\n")) {
                throw new IllegalArgumentException("a passwd-file entry cannot contain ':' or a line break");
            }
            lines.append(name).append(":{PLAIN}").append(password).append('\n');
        });
        try {
            for (String user : passwords.keySet()) {
                for (String special : SPECIAL_USE) {
                    ensureMaildir(maildirOf(user, prefix + special));
                }
            }
            // Written beside and moved into place, so Dovecot never reads a half-written file.
            Path next = usersFile.resolveSibling(usersFile.getFileName() + ".next");
            Files.writeString(next, Files.readString(usersFile) + lines);
            Files.move(
                    next,
                    usersFile,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            // Dovecot looks at the passwd-file at most once per second of its clock, so a login in
            // the same second as the change may not see it: wait for the next second.
            long second = System.currentTimeMillis() / 1000;
            while (System.currentTimeMillis() / 1000 == second) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding accounts", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Places a message directly as a Maildir file, much faster than APPEND for big seeded accounts.
     * Dovecot picks it up at the next access to the folder.
     *
     * @param folder       the mailbox name as a client sees it ("INBOX", "Sent", "INBOX.Sent", "a/b")
     * @param flags        system flags ("\Seen", ...) and keywords
     * @param internalDate becomes the file's mtime, which Dovecot reports as INTERNALDATE
     */
    public synchronized Path deliver(
            String user, String folder, byte[] message, Set<String> flags, Instant internalDate) {
        return place(user, folder, message.length, flags, internalDate, file -> Files.write(file, message));
    }

    /**
     * Places a message kept in a file, without reading it into memory: for messages too large to
     * hold in a test's heap. The file is copied; see {@link #deliver(String, String, byte[], Set, Instant)}.
     */
    public synchronized Path deliver(
            String user, String folder, Path message, Set<String> flags, Instant internalDate) {
        try {
            return place(user, folder, Files.size(message), flags, internalDate, file -> Files.copy(message, file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + message, e);
        }
    }

    /** Writes one message file into a Maildir's cur/, named and dated as Dovecot expects. */
    private interface MessageWriter {
        void writeTo(Path file) throws IOException;
    }

    private Path place(
            String user, String folder, long size, Set<String> flags, Instant internalDate, MessageWriter writer) {
        try {
            Path maildir = maildirOf(user, folder);
            ensureMaildir(maildir);
            String name = internalDate.getEpochSecond() + ".M" + UNIQUE.incrementAndGet() + "P"
                    + ProcessHandle.current().pid() + ".imapferry,S=" + size + ":2," + flagLetters(maildir, flags);
            Path file = maildir.resolve("cur").resolve(name);
            writer.writeTo(file);
            Files.setLastModifiedTime(file, FileTime.from(internalDate));
            owner.chown(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deliver into " + folder + " of " + user, e);
        }
    }

    private void ensureMaildir(Path maildir) throws IOException {
        for (String sub : List.of("cur", "new", "tmp")) {
            createOwnedDirectories(maildir.resolve(sub));
        }
    }

    private Path maildirOf(String user, String folder) {
        Path root = mailDir.resolve(user).resolve("Maildir");
        String name = folder;
        if (!prefix.isEmpty() && name.startsWith(prefix)) {
            name = name.substring(prefix.length());
        }
        if (name.equalsIgnoreCase("INBOX")) {
            return root;
        }
        // LAYOUT=fs: one directory per hierarchy level, whatever the namespace separator.
        Path path = root;
        for (String part : name.split(java.util.regex.Pattern.quote(String.valueOf(separator)))) {
            path = path.resolve(part);
        }
        return path;
    }

    /** Maildir info letters in ASCII order; keywords become a..z through dovecot-keywords. */
    private String flagLetters(Path maildir, Set<String> flags) throws IOException {
        TreeSet<Character> letters = new TreeSet<>();
        for (String flag : flags) {
            switch (flag.toLowerCase(Locale.ROOT)) {
                case "\\draft" -> letters.add('D');
                case "\\flagged" -> letters.add('F');
                case "\\answered" -> letters.add('R');
                case "\\seen" -> letters.add('S');
                case "\\deleted" -> letters.add('T');
                default -> letters.add(keywordLetter(maildir, flag));
            }
        }
        StringBuilder out = new StringBuilder();
        letters.forEach(out::append);
        return out.toString();
    }

    private char keywordLetter(Path maildir, String keyword) throws IOException {
        if (keyword.startsWith("\\")) {
            throw new IllegalArgumentException("unknown system flag " + keyword);
        }
        List<String> known = keywords.computeIfAbsent(maildir, m -> new ArrayList<>());
        int index = known.indexOf(keyword);
        if (index < 0) {
            if (known.size() == 26) {
                throw new IllegalArgumentException("Maildir holds at most 26 keywords per folder");
            }
            known.add(keyword);
            index = known.size() - 1;
            StringBuilder file = new StringBuilder();
            for (int i = 0; i < known.size(); i++) {
                file.append(i).append(' ').append(known.get(i)).append('\n');
            }
            Path keywordsFile = maildir.resolve("dovecot-keywords");
            Files.writeString(keywordsFile, file);
            owner.chown(keywordsFile);
        }
        return (char) ('a' + index);
    }

    private void createOwnedDirectories(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return;
        }
        createOwnedDirectories(path.getParent());
        Files.createDirectory(path);
        owner.chown(path);
    }

    private String config(int imapPort, int tlsPort) {
        StringBuilder mailboxes = new StringBuilder();
        for (String special : SPECIAL_USE) {
            mailboxes
                    .append("  mailbox ")
                    .append(special)
                    .append(" {\n    special_use = \\")
                    .append(special)
                    .append("\n  }\n");
        }
        String tls = certificates == null
                ? "ssl = no\n"
                : "ssl = yes\nssl_cert = <" + certificates.certFile() + "\nssl_key = <" + certificates.keyFile()
                        + "\nssl_dh = </usr/share/dovecot/dh.pem\n";
        String plugins = compress
                ? "mail_plugins = $mail_plugins zlib\nprotocol imap {\n"
                        + "  mail_plugins = $mail_plugins imap_zlib\n}\n"
                : "";
        return "# generated by imapferry's DovecotServer test harness\n"
                + "base_dir = " + dir.resolve("run") + "\n"
                + "state_dir = " + dir.resolve("state") + "\n"
                + "instance_name = imapferry-" + UUID.randomUUID() + "\n"
                + "log_path = " + dir.resolve("dovecot.log") + "\n"
                + "protocols = imap\n"
                + "listen = " + HOST + "\n"
                + owner.serviceUsers()
                + tls
                + "disable_plaintext_auth = no\n"
                // Tests try wrong passwords on purpose; the default 2 s delay and anvil's growing
                // per-address penalty only slow them down.
                + "auth_failure_delay = 0\n"
                + "service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}\n"
                + "auth_mechanisms = plain login cram-md5\n"
                + "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " + usersFile + "\n}\n"
                + "userdb {\n  driver = static\n  args = uid=" + owner.uid + " gid=" + owner.gid
                + " home=" + mailDir + "/%u\n}\n"
                + "first_valid_uid = " + owner.uid + "\n"
                + "mail_location = maildir:" + mailDir + "/%u/Maildir:LAYOUT=fs\n"
                + "namespace inbox {\n  inbox = yes\n  separator = " + separator + "\n  prefix = " + prefix + "\n"
                + mailboxes + "}\n"
                + "mail_max_userip_connections = 500\n"
                // Several sessions of a new account at once make Dovecot 2.3 fail on the mailbox list
                // index ("fcntl(dovecot.list.index.log) locking failed: Resource deadlock avoided"),
                // which real servers with provisioned accounts do not meet; the index only speeds LIST.
                + "mailbox_list_index = no\n"
                + "service imap-login {\n  inet_listener imap {\n    port = " + imapPort + "\n  }\n"
                + "  inet_listener imaps {\n    port = " + tlsPort + "\n  }\n  process_min_avail = 1\n}\n"
                + "service imap {\n  process_limit = 512\n}\n"
                + plugins
                + extraConfig;
    }

    private void launch(int imapPort) throws IOException {
        // The master detaches and its children keep stdout open: read the output from a file, not a pipe.
        Path startLog = dir.resolve("start.log");
        Process process = new ProcessBuilder(
                        dovecotBinary().toString(),
                        "-c",
                        dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(startLog.toFile())
                .start();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("dovecot did not detach within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting dovecot", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    "dovecot exited with " + process.exitValue() + ": " + Files.readString(startLog) + log());
        }
        awaitGreeting(imapPort);
    }

    private void awaitGreeting(int imapPort) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, imapPort), 1000);
                socket.setSoTimeout(2000);
                String greeting = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                if (greeting != null && greeting.startsWith("* OK")) {
                    return;
                }
                last = new IOException("unexpected greeting: " + greeting);
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for dovecot", e);
            }
        }
        throw new IOException("dovecot did not greet on " + HOST + ":" + imapPort + " within " + START_TIMEOUT + " ("
                + last + "); its log:\n" + log());
    }

    /** The server's log, for error messages. */
    public String log() {
        try {
            Path log = dir.resolve("dovecot.log");
            return Files.exists(log) ? Files.readString(log) : "(no log written)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * Stops the master by the pid it wrote, never by name, and waits until it has removed its pid
     * file (its last act), not until it is reaped: when the master was reparented to a container's
     * init, reaping can lag seconds behind.
     */
    private void stopMaster() {
        Path pidFile = dir.resolve("run").resolve("master.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle master = ProcessHandle.of(pid).orElse(null);
            if (master == null) {
                return;
            }
            master.destroy();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.exists(pidFile) && master.isAlive()) {
                if (System.nanoTime() > deadline) {
                    master.destroyForcibly();
                    break;
                }
                Thread.sleep(10);
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot stop dovecot in " + dir + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopMaster();
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private static Path dovecotBinary() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(entry, "dovecot"));
            }
        }
        candidates.add(Path.of("/usr/sbin/dovecot"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Who owns the mail and runs Dovecot's unprivileged services. */
    private record MailOwner(int uid, int gid, String serviceUser) {
        static MailOwner find() throws IOException {
            String self = System.getProperty("user.name");
            if (!self.equals("root")) {
                return new MailOwner(id("-u", self), id("-g", self), self);
            }
            if (run("id", "-u", MAIL_USER).exitCode != 0) {
                Result added = run("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", MAIL_USER);
                if (added.exitCode != 0 && run("id", "-u", MAIL_USER).exitCode != 0) {
                    throw new IOException("cannot create the mail user " + MAIL_USER + ": " + added.output);
                }
            }
            return new MailOwner(id("-u", MAIL_USER), id("-g", MAIL_USER), null);
        }

        /** Not root: Dovecot's login and internal services run as the current user (Dovecot's non-root setup). */
        String serviceUsers() {
            return serviceUser == null
                    ? ""
                    : "default_login_user = " + serviceUser + "\ndefault_internal_user = " + serviceUser + "\n";
        }

        void chown(Path path) throws IOException {
            if (serviceUser == null) {
                Files.setAttribute(path, "unix:uid", uid);
                Files.setAttribute(path, "unix:gid", gid);
            }
        }

        private static int id(String option, String user) throws IOException {
            Result result = run("id", option, user);
            if (result.exitCode != 0) {
                throw new IOException("id " + option + " " + user + " failed: " + result.output);
            }
            return Integer.parseInt(result.output.trim());
        }

        private record Result(int exitCode, String output) {}

        private static Result run(String... command) throws IOException {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                return new Result(process.waitFor(), output);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted running " + String.join(" ", command), e);
            }
        }
    }
}
