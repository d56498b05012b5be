package org.imapferry.bench.e2e;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server pair's own limit, the yardstick for a copy tool: how fast the source can hand out
 * every message and how fast the target can take them, with nothing in between but the
 * cheapest requests the protocol allows. Reading is one pipelined
 * {@code UID FETCH 1:* (FLAGS INTERNALDATE BODY.PEEK[])} per folder; writing is, per folder,
 * CREATE and SELECT (an APPEND into the selected mailbox is cheaper on Dovecot) and then
 * MULTIAPPEND in batches of 100 with LITERAL+, all pipelined. Bodies are held in memory between
 * the two, which a real tool must not do but a yardstick may: the two phases are timed apart.
 *
 * <p>Plain blocking sockets, not imapferry's codec, on purpose: the limit must not inherit the
 * product's overheads. Only what Dovecot sends is parsed (atom or quoted folder names, one
 * literal per FETCH response), which is enough for the benchmark's corpus.
 *
 * <p>Usage: {@code ServerPairLimit HOST1 PORT1 USER1 PASSWORD1 HOST2 PORT2 USER2 PASSWORD2}.
 * Prints one line: {@code messages=N bytes=B read_seconds=R write_seconds=W}.
 */
public final class ServerPairLimit {
    private static final int BATCH = 100;
    private static final Pattern LIST = Pattern.compile("^\\* LIST \\(([^)]*)\\) (?:\"[^\"]*\"|NIL) (.+)$");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern INTERNALDATE = Pattern.compile("INTERNALDATE (\"[^\"]+\")");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");

    private record Message(String flags, String internalDate, byte[] body) {
    }

    private record Folder(String name, List<Message> messages) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 8) {
            System.err.println("usage: ServerPairLimit HOST1 PORT1 USER1 PASSWORD1 HOST2 PORT2 USER2 PASSWORD2");
            System.exit(2);
        }
        long start = System.nanoTime();
        List<Folder> folders;
        try (Connection source = Connection.login(args[0], Integer.parseInt(args[1]), args[2], args[3])) {
            folders = readAll(source);
        }
        long read = System.nanoTime();
        try (Connection target = Connection.login(args[4], Integer.parseInt(args[5]), args[6], args[7])) {
            writeAll(target, folders);
        }
        long written = System.nanoTime();
        long messages = 0;
        long bytes = 0;
        for (Folder folder : folders) {
            messages += folder.messages.size();
            for (Message message : folder.messages) {
                bytes += message.body.length;
            }
        }
        System.out.printf(Locale.ROOT, "messages=%d bytes=%d read_seconds=%.3f write_seconds=%.3f%n", messages, bytes,
                (read - start) / 1e9, (written - read) / 1e9);
    }

    private static List<Folder> readAll(Connection source) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : source.command("LIST \"\" \"*\"")) {
            Matcher list = LIST.matcher(line);
            if (list.matches() && !list.group(1).toLowerCase(Locale.ROOT).contains("\\noselect")) {
                names.add(list.group(2));
            }
        }
        // All EXAMINE/FETCH pairs go out at once; the server answers them in order.
        List<String> fetchTags = new ArrayList<>();
        for (String name : names) {
            source.send("EXAMINE " + name);
            fetchTags.add(source.send("UID FETCH 1:* (FLAGS INTERNALDATE BODY.PEEK[])"));
        }
        source.flush();
        List<Folder> folders = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<Message> messages = new ArrayList<>();
            Response response;
            while (!(response = source.read()).line.startsWith(fetchTags.get(i) + " ")) {
                if (response.literal != null) {
                    Matcher flags = FLAGS.matcher(response.line);
                    Matcher date = INTERNALDATE.matcher(response.line);
                    if (!flags.find() || !date.find()) {
                        throw new IOException("FETCH response without FLAGS or INTERNALDATE: " + response.line);
                    }
                    // \Recent is the server's own and cannot be APPENDed.
                    String appendable = flags.group(1).replaceAll("(?i)\\\\Recent ?", "").trim();
                    messages.add(new Message(appendable, date.group(1), response.literal));
                }
            }
            Connection.requireOk(response.line);
            folders.add(new Folder(names.get(i), messages));
        }
        return folders;
    }

    private static void writeAll(Connection target, List<Folder> folders) throws IOException {
        List<String> tags = new ArrayList<>();
        for (Folder folder : folders) {
            if (!folder.name.equalsIgnoreCase("INBOX")) {
                tags.add(target.send("CREATE " + folder.name));
            }
            tags.add(target.send("SELECT " + folder.name));
            for (int from = 0; from < folder.messages.size(); from += BATCH) {
                List<Message> batch = folder.messages.subList(from, Math.min(folder.messages.size(), from + BATCH));
                tags.add(target.append(folder.name, batch));
            }
        }
        target.flush();
        // Dovecot may finish a CREATE before the APPEND sent ahead of it, so the tagged answers
        // are matched by tag, not by order. It creates the SPECIAL-USE folders itself; their
        // CREATE answers NO [ALREADYEXISTS].
        Set<String> pending = new HashSet<>(tags);
        while (!pending.isEmpty()) {
            String line = target.read().line;
            String tag = line.split(" ", 2)[0];
            if (pending.remove(tag) && !line.contains("[ALREADYEXISTS]")) {
                Connection.requireOk(line);
            }
        }
    }

    /** A response line with the bytes of a literal it carried, if any. */
    private record Response(String line, byte[] literal) {
    }

    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int nextTag;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        static Connection login(String host, int port, String user, String password) throws IOException {
            Connection connection = new Connection(new Socket(host, port));
            connection.read();
            connection.command("LOGIN \"" + user + "\" \"" + password + "\"");
            return connection;
        }

        String send(String command) throws IOException {
            String tag = "b" + nextTag++;
            out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            return tag;
        }

        String append(String folder, List<Message> batch) throws IOException {
            String tag = "b" + nextTag++;
            out.write((tag + " APPEND " + folder).getBytes(StandardCharsets.UTF_8));
            for (Message message : batch) {
                out.write((" (" + message.flags + ") " + message.internalDate + " {" + message.body.length + "+}\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(message.body);
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            return tag;
        }

        void flush() throws IOException {
            out.flush();
        }

        /** Sends a command, waits for its tagged answer, returns the untagged lines before it. */
        List<String> command(String command) throws IOException {
            String tag = send(command);
            flush();
            List<String> untagged = new ArrayList<>();
            Response response;
            while (!(response = read()).line.startsWith(tag + " ")) {
                untagged.add(response.line);
            }
            requireOk(response.line);
            return untagged;
        }

        static void requireOk(String tagged) throws IOException {
            if (!tagged.split(" ", 3)[1].equals("OK")) {
                throw new IOException("server refused: " + tagged);
            }
        }

        /** One response: a line, or a line with one literal and the rest of the line after it. */
        Response read() throws IOException {
            String line = readLine();
            Matcher literal = LITERAL.matcher(line);
            if (!literal.find()) {
                return new Response(line, null);
            }
            byte[] bytes = in.readNBytes(Integer.parseInt(literal.group(1)));
            return new Response(line + " " + readLine(), bytes);
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        @Override
        public void close() throws IOException {
            try {
                command("LOGOUT");
            } catch (IOException e) {
                // the server may close before answering; the copy is already done
            } finally {
                socket.close();
            }
        }
    }
}
