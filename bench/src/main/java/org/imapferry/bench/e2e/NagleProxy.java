package org.imapferry.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A TCP proxy on loopback that makes a server answer as Courier-IMAP behind a listener that leaves
 * Nagle's algorithm on: every line from the server goes to the client in a write of its own, on a
 * socket with Nagle on. A line written while an earlier one is still unacknowledged waits for the
 * acknowledgement; a client that delays its acknowledgements (Linux: up to 40 ms) then waits that
 * long for an APPEND's "+" after the previous APPEND's OK. The client's bytes pass through as they
 * come.
 *
 * <p>Usage: {@code NagleProxy LISTEN_PORT TARGET_HOST TARGET_PORT}. LISTEN_PORT 0 takes a free
 * port; the port in use is printed as the first line, {@code port=N}. Runs until killed.
 */
public final class NagleProxy {
    private static final int CHUNK = 1 << 16;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: NagleProxy LISTEN_PORT TARGET_HOST TARGET_PORT");
            System.exit(2);
        }
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        LoopbackProxy.serve(Integer.parseInt(args[0]), target, (client, upstream) -> {
            client.setTcpNoDelay(false);
            upstream.setTcpNoDelay(true);
            start(client, upstream, false);
            start(upstream, client, true);
        });
    }

    /** Copies one direction on a thread of its own; the end of either direction closes both. */
    private static void start(Socket from, Socket to, boolean lineByLine) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread copier = new Thread(
                () -> {
                    byte[] buffer = new byte[CHUNK];
                    try {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            if (lineByLine) {
                                writeLines(out, buffer, n);
                            } else {
                                out.write(buffer, 0, n);
                            }
                        }
                    } catch (IOException e) {
                        // a reset on either side ends the connection
                    }
                    LoopbackProxy.closeQuietly(from);
                    LoopbackProxy.closeQuietly(to);
                },
                "nagle-proxy");
        copier.setDaemon(true);
        copier.start();
    }

    /** One write per line (each ending in LF), and one for a tail without its LF yet. */
    private static void writeLines(OutputStream out, byte[] buffer, int length) throws IOException {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                out.write(buffer, start, i + 1 - start);
                start = i + 1;
            }
        }
        if (start < length) {
            out.write(buffer, start, length - start);
        }
    }
}
