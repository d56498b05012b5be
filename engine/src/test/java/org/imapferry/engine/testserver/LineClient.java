package org.imapferry.engine.testserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking, line-at-a-time IMAP client over a plain {@link Socket}, independent of the codec,
 * for checking the test servers themselves and for looking at what a migration left behind.
 * It does not understand literals; keep to commands whose answers have none.
 */
public final class LineClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String greeting;
    private int tag;

    /** Wraps a connected socket (plain or an {@link javax.net.ssl.SSLSocket}) and reads the greeting. */
    public LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
        this.greeting = in.readLine();
    }

    public static LineClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        return new LineClient(socket);
    }

    public String greeting() {
        return greeting;
    }

    /** Sends {@code tN command} and returns every line up to and including the tagged answer. */
    public List<String> command(String command) throws IOException {
        String t = "t" + ++tag;
        out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
            if (line.startsWith(t + " ")) {
                return lines;
            }
        }
        throw new IOException("connection closed before the answer to " + t + "; got " + lines);
    }

    /** The tagged answer's status and text, as in "OK Logged in". */
    public String status(String command) throws IOException {
        List<String> lines = command(command);
        String last = lines.get(lines.size() - 1);
        return last.substring(last.indexOf(' ') + 1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
