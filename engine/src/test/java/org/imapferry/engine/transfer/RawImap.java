package org.imapferry.engine.transfer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.protocol.types.MailboxName;

/**
 * A blocking IMAP client over a plain socket that shares nothing with the engine's codec or
 * sessions: it reads literals by their announced byte count and digests message bodies as they
 * stream past. Tests use it to check independently what a migration left on each side.
 */
final class RawImap implements AutoCloseable {
    private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)\\}$");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern DATE = Pattern.compile("INTERNALDATE \"([^\"]+)\"");
    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    /** One message as a server serves it: digest of BODY[], flags without \Recent, INTERNALDATE. */
    record Message(String sha256, long size, Set<String> flags, Instant internalDate) {
        @Override
        public String toString() {
            return sha256.substring(0, 12) + "/" + size + "B/" + flags + "/" + internalDate;
        }
    }

    /** A response: its text lines (literals replaced by their length) and, if any, literal digests. */
    private record Response(String text, List<String> digests, List<Long> sizes) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    private RawImap(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(120_000);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        readLine();
    }

    static RawImap login(String host, int port, String user, String password) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        RawImap imap = new RawImap(socket);
        imap.ok("LOGIN " + quote(user) + " " + quote(password));
        return imap;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A mailbox name as the wire wants it: modified UTF-7, quoted. */
    static String wire(String mailbox) {
        return quote(MailboxName.of(mailbox).toWire());
    }

    /** Every mailbox name (decoded from modified UTF-7) with its LIST attributes. */
    List<String[]> list() throws IOException {
        List<String[]> out = new ArrayList<>();
        Pattern p = Pattern.compile("\\* LIST \\(([^)]*)\\) (?:NIL|\"(?:\\\\.|[^\"])*\") (.*)");
        for (Response r : command("LIST \"\" \"*\"")) {
            Matcher m = p.matcher(r.text());
            if (m.matches()) {
                String name = m.group(2);
                if (name.startsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                out.add(new String[] {MailboxName.fromWire(name).name(), m.group(1)});
            }
        }
        return out;
    }

    /** The mailbox names that can hold messages. */
    List<String> selectableFolders() throws IOException {
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
    List<String> capabilities() throws IOException {
        for (Response r : command("CAPABILITY")) {
            if (r.text().startsWith("* CAPABILITY ")) {
                return List.of(r.text().substring("* CAPABILITY ".length()).split(" "));
            }
        }
        throw new IOException("no CAPABILITY answer");
    }

    long count(String mailbox) throws IOException {
        for (Response r : command("STATUS " + wire(mailbox) + " (MESSAGES)")) {
            Matcher m = Pattern.compile("MESSAGES (\\d+)").matcher(r.text());
            if (r.text().startsWith("* STATUS") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IOException("no STATUS for " + mailbox);
    }

    /** Every message of a mailbox, read-only, sorted so two snapshots compare as multisets. */
    List<Message> snapshot(String mailbox) throws IOException {
        List<Response> examine = command("EXAMINE " + wire(mailbox));
        long exists = 0;
        for (Response r : examine) {
            Matcher m = Pattern.compile("\\* (\\d+) EXISTS").matcher(r.text());
            if (m.matches()) {
                exists = Long.parseLong(m.group(1));
            }
        }
        List<Message> messages = new ArrayList<>();
        if (exists > 0) {
            for (Response r : command("FETCH 1:* (FLAGS INTERNALDATE BODY.PEEK[])")) {
                if (!r.text().matches("\\* \\d+ FETCH .*")) {
                    continue;
                }
                if (r.digests().size() != 1) {
                    throw new IOException("expected one body literal in " + r.text());
                }
                Matcher f = FLAGS.matcher(r.text());
                Matcher d = DATE.matcher(r.text());
                if (!f.find() || !d.find()) {
                    throw new IOException("no FLAGS or INTERNALDATE in " + r.text());
                }
                Set<String> flags = new TreeSet<>();
                for (String flag : f.group(1).split(" ")) {
                    if (!flag.isEmpty() && !flag.equalsIgnoreCase("\\Recent")) {
                        flags.add(flag.toLowerCase(Locale.ROOT));
                    }
                }
                Instant date = OffsetDateTime.parse(d.group(1).strip(), IMAP_DATE).toInstant();
                messages.add(new Message(r.digests().get(0), r.sizes().get(0), flags, date));
            }
        }
        command("CLOSE");
        messages.sort((a, b) -> a.toString().compareTo(b.toString()));
        return messages;
    }

    private void ok(String command) throws IOException {
        command(command);
    }

    /** Sends a command and reads to its tagged answer, which must be OK. */
    List<Response> command(String command) throws IOException {
        String t = "r" + ++tag;
        out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<Response> responses = new ArrayList<>();
        while (true) {
            Response r = readResponse();
            if (r.text().startsWith(t + " ")) {
                if (!r.text().startsWith(t + " OK")) {
                    throw new IOException(command + " -> " + r.text());
                }
                return responses;
            }
            responses.add(r);
        }
    }

    private Response readResponse() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> digests = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        while (true) {
            String line = readLine();
            text.append(line);
            Matcher m = LITERAL.matcher(line);
            if (!m.find()) {
                return new Response(text.toString(), digests, sizes);
            }
            long length = Long.parseLong(m.group(1));
            MessageDigest sha = sha256();
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("connection closed inside a literal");
                }
                sha.update(buffer, 0, n);
                left -= n;
            }
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
    public void close() throws IOException {
        try {
            out.write("r0 LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            socket.close();
        }
    }
}
