package org.imapferry.engine.testserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.protocol.types.MailboxName;

/**
 * The tests' one IMAP client: blocking, over a plain socket (or an {@link javax.net.ssl.SSLSocket}
 * a test made), sharing nothing with the engine's codec or sessions. It reads literals by their
 * announced byte count and digests message bodies as they stream past, so tests can check
 * independently what a migration left on each side, make the changes a user would make (flags,
 * deletions), and talk to the test servers line by line. Failures are {@link UncheckedIOException}s.
 */
public final class RawImap implements AutoCloseable {
    private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)\\}$");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern DATE = Pattern.compile("INTERNALDATE \"([^\"]+)\"");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final DateTimeFormatter IMAP_DATE =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);
    /** Literals up to this size are kept as text too (headers, test messages); larger ones only digested. */
    private static final int KEPT_LITERAL = 64 * 1024;

    /** One message as a server serves it: digest of BODY[], flags without \Recent, INTERNALDATE. */
    public record Message(String sha256, long size, Set<String> flags, Instant internalDate) {
        @Override
        public String toString() {
            return sha256.substring(0, 12) + "/" + size + "B/" + flags + "/" + internalDate;
        }
    }

    /** One message as a user tells it apart: UID, Message-ID ("" without one), flags without \Recent. */
    public record Summary(long uid, String messageId, Set<String> flags) {}

    /**
     * A response: its text (lines joined, literals left out), the same with the kept literals in
     * place as the wire had them, and each literal's digest and size.
     */
    private record Response(String text, String wire, List<String> literals, List<String> digests, List<Long> sizes) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String greeting;
    private int tag;

    /** Wraps a connected socket (plain or TLS) and reads the greeting. */
    public RawImap(Socket socket) {
        this.socket = socket;
        try {
            socket.setSoTimeout(120_000);
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            this.out = socket.getOutputStream();
            this.greeting = readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("no greeting from " + socket.getRemoteSocketAddress(), e);
        }
    }

    /** Connects without logging in. */
    public static RawImap connect(String host, int port) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5000);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
        return new RawImap(socket);
    }

    /** Connects and logs in; a refused LOGIN fails. */
    public static RawImap login(String host, int port, String user, String password) {
        RawImap imap = connect(host, port);
        try {
            imap.command("LOGIN " + quote(user) + " " + quote(password));
        } catch (UncheckedIOException e) {
            imap.close();
            throw e;
        }
        return imap;
    }

    /** Logs in as an endpoint of a migration would, over plain IMAP. */
    public static RawImap login(Endpoint endpoint) {
        return login(
                endpoint.host(),
                endpoint.port(),
                endpoint.user(),
                endpoint.password().reveal());
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A mailbox name as the wire wants it: modified UTF-7, quoted. */
    public static String wire(String mailbox) {
        return quote(MailboxName.of(mailbox).toWire());
    }

    /** The server's greeting line. */
    public String greeting() {
        return greeting;
    }

    /**
     * Sends a command and returns every response to it, the tagged one last, as the wire had them
     * (a literal of up to 64 KB in place, after its {n} and a CRLF); whatever the tagged status.
     */
    public List<String> lines(String command) {
        List<String> lines = new ArrayList<>();
        for (Response r : send(command)) {
            lines.add(r.wire());
        }
        return lines;
    }

    /** Sends a command and returns the tagged answer's status and text, as in "OK Logged in". */
    public String status(String command) {
        List<String> lines = lines(command);
        String last = lines.get(lines.size() - 1);
        return last.substring(last.indexOf(' ') + 1);
    }

    /** Every mailbox name (decoded from modified UTF-7) with its LIST attributes. */
    public List<String[]> list() {
        List<String[]> out = new ArrayList<>();
        Pattern p = Pattern.compile("\\* LIST \\(([^)]*)\\) (?:NIL|\"(?:\\\\.|[^\"])*\") (.*)");
        for (Response r : command("LIST \"\" \"*\"")) {
            Matcher m = p.matcher(r.text());
            if (m.matches()) {
                String name = m.group(2);
                if (name.startsWith("\"")) {
                    name = name.substring(1, name.length() - 1)
                            .replace("\\\"", "\"")
                            .replace("\\\\", "\\");
                }
                out.add(new String[] {MailboxName.fromWire(name).name(), m.group(1)});
            }
        }
        return out;
    }

    /** The names of every folder of the account, selectable or not. */
    public List<String> folders() {
        List<String> names = new ArrayList<>();
        for (String[] entry : list()) {
            names.add(entry[0]);
        }
        return names;
    }

    /** The mailbox names that can hold messages. */
    public List<String> selectableFolders() {
        List<String> names = new ArrayList<>();
        for (String[] entry : list()) {
            String attrs = entry[1].toLowerCase(Locale.ROOT);
            if (!attrs.contains("\\noselect") && !attrs.contains("\\nonexistent")) {
                names.add(entry[0]);
            }
        }
        return names;
    }

    /** The words of the server's CAPABILITY answer. */
    public List<String> capabilities() {
        for (Response r : command("CAPABILITY")) {
            if (r.text().startsWith("* CAPABILITY ")) {
                return List.of(r.text().substring("* CAPABILITY ".length()).split(" "));
            }
        }
        throw new UncheckedIOException(new IOException("no CAPABILITY answer"));
    }

    public long count(String mailbox) {
        for (Response r : command("STATUS " + wire(mailbox) + " (MESSAGES)")) {
            Matcher m = Pattern.compile("MESSAGES (\\d+)").matcher(r.text());
            if (r.text().startsWith("* STATUS") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new UncheckedIOException(new IOException("no STATUS for " + mailbox));
    }

    /** Every message of a mailbox, read-only, sorted so two snapshots compare as multisets. */
    public List<Message> snapshot(String mailbox) {
        List<Message> messages = new ArrayList<>();
        if (examine(mailbox) > 0) {
            for (Response r : command("FETCH 1:* (FLAGS INTERNALDATE BODY.PEEK[])")) {
                if (!r.text().matches("\\* \\d+ FETCH .*")) {
                    continue;
                }
                if (r.digests().size() != 1) {
                    throw new UncheckedIOException(new IOException("expected one body literal in " + r.text()));
                }
                Matcher d = DATE.matcher(r.text());
                if (!d.find()) {
                    throw new UncheckedIOException(new IOException("no INTERNALDATE in " + r.text()));
                }
                Instant date =
                        OffsetDateTime.parse(d.group(1).strip(), IMAP_DATE).toInstant();
                messages.add(new Message(r.digests().get(0), r.sizes().get(0), flags(r), date));
            }
        }
        command("CLOSE");
        messages.sort((a, b) -> a.toString().compareTo(b.toString()));
        return messages;
    }

    /** Every message of a folder with its Message-ID and flags, by UID order; read-only. */
    public List<Summary> messages(String folder) {
        List<Summary> messages = new ArrayList<>();
        if (examine(folder) > 0) {
            for (Response r : command("UID FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")) {
                Matcher uid = UID.matcher(r.text());
                if (!r.text().matches("\\* \\d+ FETCH .*") || !uid.find()) {
                    continue;
                }
                String header = r.literals().isEmpty() ? "" : r.literals().get(0);
                messages.add(new Summary(Long.parseLong(uid.group(1)), messageId(header), flags(r)));
            }
        }
        command("CLOSE");
        messages.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        return messages;
    }

    /** Message-ID to flags; fails the test on a duplicate Message-ID, which no test here seeds. */
    public Map<String, Set<String>> flagsById(String folder) {
        Map<String, Set<String>> byId = new LinkedHashMap<>();
        for (Summary m : messages(folder)) {
            if (byId.put(m.messageId(), m.flags()) != null) {
                throw new AssertionError("duplicate message " + m.messageId() + " in " + folder);
            }
        }
        return byId;
    }

    public void addFlag(String folder, String messageId, String flag) {
        store(folder, messageId, "+FLAGS.SILENT (" + flag + ")");
    }

    public void removeFlag(String folder, String messageId, String flag) {
        store(folder, messageId, "-FLAGS.SILENT (" + flag + ")");
    }

    /**
     * Deletes and expunges one message with a plain EXPUNGE, which also takes any other message
     * marked \Deleted in the folder (RFC 3501 §6.4.3), as a user's client would.
     */
    public void delete(String folder, String messageId) {
        store(folder, messageId, "+FLAGS.SILENT (\\Deleted)");
        command("EXPUNGE");
    }

    private void store(String folder, String messageId, String change) {
        long uid = messages(folder).stream()
                .filter(m -> m.messageId().equals(messageId))
                .findFirst()
                .orElseThrow(() -> new AssertionError(messageId + " not in " + folder))
                .uid();
        command("SELECT " + wire(folder));
        command("UID STORE " + uid + " " + change);
    }

    /** EXAMINEs a folder and returns its EXISTS. */
    private long examine(String folder) {
        long exists = 0;
        for (Response r : command("EXAMINE " + wire(folder))) {
            Matcher m = Pattern.compile("\\* (\\d+) EXISTS").matcher(r.text());
            if (m.matches()) {
                exists = Long.parseLong(m.group(1));
            }
        }
        return exists;
    }

    private static Set<String> flags(Response r) {
        Matcher f = FLAGS.matcher(r.text());
        if (!f.find()) {
            throw new UncheckedIOException(new IOException("no FLAGS in " + r.text()));
        }
        Set<String> flags = new TreeSet<>();
        for (String flag : f.group(1).split(" ")) {
            if (!flag.isEmpty() && !flag.equalsIgnoreCase("\\Recent")) {
                flags.add(flag.toLowerCase(Locale.ROOT));
            }
        }
        return flags;
    }

    /** The Message-ID field of a header section, unfolded (RFC 5322 §2.2.3); "" without one. */
    private static String messageId(String header) {
        for (String field : header.replaceAll("\r\n[ \t]", " ").split("\r\n")) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase("Message-ID")) {
                return field.substring(colon + 1).strip();
            }
        }
        return "";
    }

    /** Sends a command and reads to its tagged answer, which must be OK; the untagged responses. */
    private List<Response> command(String command) {
        List<Response> responses = send(command);
        Response tagged = responses.remove(responses.size() - 1);
        if (!tagged.text().substring(tagged.text().indexOf(' ') + 1).startsWith("OK")) {
            throw new UncheckedIOException(new IOException(shown(command) + " -> " + tagged.text()));
        }
        return responses;
    }

    /** Sends a command and reads to its tagged answer: every response, the tagged one last. */
    private List<Response> send(String command) {
        String t = "r" + ++tag;
        try {
            out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<Response> responses = new ArrayList<>();
            while (true) {
                Response r = readResponse();
                responses.add(r);
                if (r.text().startsWith(t + " ")) {
                    return responses;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(shown(command) + " failed", e);
        }
    }

    /** A command as an error message may show it: never a LOGIN's password. */
    private static String shown(String command) {
        return command.startsWith("LOGIN ") ? "LOGIN" : command;
    }

    private Response readResponse() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder wire = new StringBuilder();
        List<String> literals = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        while (true) {
            String line = readLine();
            text.append(line);
            wire.append(line);
            Matcher m = LITERAL.matcher(line);
            if (!m.find()) {
                return new Response(text.toString(), wire.toString(), literals, digests, sizes);
            }
            long length = Long.parseLong(m.group(1));
            MessageDigest sha = sha256();
            ByteArrayOutputStream kept = length <= KEPT_LITERAL ? new ByteArrayOutputStream((int) length) : null;
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("connection closed inside a literal");
                }
                sha.update(buffer, 0, n);
                if (kept != null) {
                    kept.write(buffer, 0, n);
                }
                left -= n;
            }
            String literal = kept == null ? "<" + length + " bytes>" : kept.toString(StandardCharsets.UTF_8);
            wire.append("\r\n").append(literal);
            literals.add(literal);
            digests.add(HexFormat.of().formatHex(sha.digest()));
            sizes.add(length);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed; partial line: " + line);
            }
            if (c == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(c);
            previous = c;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.write("r0 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
