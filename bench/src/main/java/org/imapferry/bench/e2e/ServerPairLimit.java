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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server pair's own limit, the yardstick for a copy tool: how fast the source can hand out
 * every message and how fast the target can take them, with nothing in between but the
 * cheapest requests the protocol allows. Reading is one pipelined
 * {@code UID FETCH 1:* (FLAGS INTERNALDATE BODY.PEEK[])} per folder; writing is CREATE of every
 * folder, then per folder SELECT (an APPEND into the selected mailbox is cheaper on Dovecot) and
 * MULTIAPPEND in batches of 100 with LITERAL+, all pipelined, on one connection or several in
 * parallel. Bodies are held in memory between the two, which a real tool must not do but a
 * yardstick may: the two phases are timed apart.
 *
 * <p>Plain blocking sockets, not imapferry's codec, on purpose: the limit must not inherit the
 * product's overheads. Only what Dovecot sends is parsed (atom or quoted folder names, one
 * literal per FETCH response), which is enough for the benchmark's corpus.
 *
 * <p>Usage: {@code ServerPairLimit HOST1 PORT1 USER1 PASSWORD1 HOST2 PORT2 USER2 PASSWORD2
 * [CONNECTIONS]}, CONNECTIONS for the writes (default 1).
 * Prints one line: {@code messages=N bytes=B read_seconds=R write_seconds=W}.
 */
public final class ServerPairLimit {
    private static final int BATCH = 100;
    private static final Pattern LIST = Pattern.compile("^\\* LIST \\(([^)]*)\\) (?:\"[^\"]*\"|NIL) (.+)$");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern INTERNALDATE = Pattern.compile("INTERNALDATE (\"[^\"]+\")");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}$");

    private record Message(String flags, String internalDate, byte[] body) {}

    private record Folder(String name, List<Message> messages) {
        long bytes() {
            long bytes = 0;
            for (Message message : messages) {
                bytes += message.body.length;
            }
            return bytes;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 8 || args.length > 9) {
            System.err.println("usage: ServerPairLimit HOST1 PORT1 USER1 PASSWORD1 HOST2 PORT2 USER2 PASSWORD2"
                    + " [CONNECTIONS]");
            System.exit(2);
        }
        int connections = args.length == 9 ? Integer.parseInt(args[8]) : 1;
        long start = System.nanoTime();
        List<Folder> folders;
        try (Connection source = Connection.login(args[0], Integer.parseInt(args[1]), args[2], args[3])) {
            folders = readAll(source);
        }
        long read = System.nanoTime();
        writeAll(args[4], Integer.parseInt(args[5]), args[6], args[7], folders, connections);
        long written = System.nanoTime();
        long messages = 0;
        long bytes = 0;
        for (Folder folder : folders) {
            messages += folder.messages.size();
            bytes += folder.bytes();
        }
        System.out.printf(
                Locale.ROOT,
                "messages=%d bytes=%d read_seconds=%.3f write_seconds=%.3f%n",
                messages,
                bytes,
                (read - start) / 1e9,
                (written - read) / 1e9);
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
                    String appendable =
                            flags.group(1).replaceAll("(?i)\\\\Recent ?", "").trim();
                    messages.add(new Message(appendable, date.group(1), response.literal));
                }
            }
            Connection.requireOk(response.line);
            folders.add(new Folder(names.get(i), messages));
        }
        return folders;
    }

    /**
     * Creates every folder first on one connection (so no CREATE races an APPEND, and parents
     * exist before their children), then writes the folders over {@code connections}
     * connections in parallel, biggest folders first onto the least loaded connection: a server
     * may take more than one connection's worth of writes, and a copy tool may use that.
     */
    private static void writeAll(
            String host, int port, String user, String password, List<Folder> folders, int connections)
            throws Exception {
        try (Connection target = Connection.login(host, port, user, password)) {
            List<String> tags = new ArrayList<>();
            for (Folder folder : folders) {
                if (!folder.name.equalsIgnoreCase("INBOX")) {
                    tags.add(target.send("CREATE " + folder.name));
                }
            }
            target.flush();
            target.awaitAll(tags);
        }
        List<List<Folder>> shares = new ArrayList<>();
        long[] load = new long[connections];
        for (int i = 0; i < connections; i++) {
            shares.add(new ArrayList<>());
        }
        List<Folder> biggestFirst = new ArrayList<>(folders);
        biggestFirst.sort(Comparator.comparingLong(Folder::bytes).reversed());
        for (Folder folder : biggestFirst) {
            int least = 0;
            for (int i = 1; i < connections; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            shares.get(least).add(folder);
            load[least] += folder.bytes();
        }
        ExecutorService writers = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (List<Folder> share : shares) {
                done.add(writers.submit(() -> {
                    try (Connection target = Connection.login(host, port, user, password)) {
                        append(target, share);
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    private static void append(Connection target, List<Folder> folders) throws IOException {
        List<String> tags = new ArrayList<>();
        for (Folder folder : folders) {
            tags.add(target.send("SELECT " + folder.name));
            for (int from = 0; from < folder.messages.size(); from += BATCH) {
                List<Message> batch = folder.messages.subList(from, Math.min(folder.messages.size(), from + BATCH));
                tags.add(target.append(folder.name, batch));
            }
        }
        target.flush();
        target.awaitAll(tags);
    }

    /** A response line with the bytes of a literal it carried, if any. */
    private record Response(String line, byte[] literal) {}

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

        /**
         * Waits for the tagged answers of commands already sent, matched by tag, not by order:
         * Dovecot may finish a CREATE before an APPEND sent ahead of it. It creates the
         * SPECIAL-USE folders itself; their CREATE answers NO [ALREADYEXISTS].
         */
        void awaitAll(List<String> tags) throws IOException {
            Set<String> pending = new HashSet<>(tags);
            while (!pending.isEmpty()) {
                String line = read().line;
                String tag = line.split(" ", 2)[0];
                if (pending.remove(tag) && !line.contains("[ALREADYEXISTS]")) {
                    requireOk(line);
                }
            }
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
