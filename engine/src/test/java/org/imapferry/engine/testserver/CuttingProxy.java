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
 * A loopback TCP relay in front of a test server that drops every connection once a given number
 * of bytes has come from the server: a migration killed in the middle, as a network failure or a
 * killed process would leave it.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong fromServer = new AtomicLong();
    private final long cutAfter;
    private volatile boolean cut;

    public CuttingProxy(String host, int port, long cutAfterBytes) throws IOException {
        this.cutAfter = cutAfterBytes;
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> accept(host, port), "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Whether the proxy has cut the connections. */
    public boolean hasCut() {
        return cut;
    }

    private void accept(String host, int port) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(host, port);
                sockets.add(client);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), false);
                pump(server.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean counted) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                    if (counted && fromServer.addAndGet(n) >= cutAfter) {
                        cutAll();
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

    private void cutAll() {
        cut = true;
        for (Socket s : sockets) {
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
        cutAll();
    }
}
