package org.imapferry.engine.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a test server that drops connections once a given number of
 * bytes has come from the server: a migration killed in the middle, as a network failure or a
 * killed process would leave it. Either every connection goes at once and no new one is let in
 * (the server is gone), or only one connection, counted in the order they were opened, and the
 * others and any later ones go on (one connection of several dropped).
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final long cutAfter;
    /** 0: every connection; otherwise the number (from 1) of the one connection to cut. */
    private final int victim;
    private volatile boolean cut;

    public CuttingProxy(String host, int port, long cutAfterBytes) throws IOException {
        this(host, port, cutAfterBytes, 0);
    }

    private CuttingProxy(String host, int port, long cutAfterBytes, int victim) throws IOException {
        this.cutAfter = cutAfterBytes;
        this.victim = victim;
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> accept(host, port), "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Cuts only the {@code n}th connection opened through it, once the server sent it that many bytes. */
    public static CuttingProxy cuttingConnection(String host, int port, int n, long cutAfterBytes)
            throws IOException {
        return new CuttingProxy(host, port, cutAfterBytes, n);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Whether the proxy has cut. */
    public boolean hasCut() {
        return cut;
    }

    private void accept(String host, int port) {
        AtomicLong everyConnection = new AtomicLong();
        int opened = 0;
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                opened++;
                if (cut && victim == 0) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(host, port);
                sockets.add(client);
                sockets.add(server);
                List<Socket> cutTogether = victim == 0 ? sockets : List.of(client, server);
                AtomicLong counter = victim == 0 ? everyConnection : new AtomicLong();
                boolean counted = victim == 0 || opened == victim;
                pump(client.getInputStream(), server.getOutputStream(), null, cutTogether);
                pump(server.getInputStream(), client.getOutputStream(), counted ? counter : null, cutTogether);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, AtomicLong counter, List<Socket> cutTogether) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (counter != null && counter.addAndGet(n) >= cutAfter) {
                        cut(cutTogether);
                        return;
                    }
                }
            } catch (IOException e) {
                // The other direction or the cut closed the socket.
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void cut(List<Socket> these) {
        cut = true;
        for (Socket s : these) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing is all that is wanted.
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut(sockets);
    }
}
