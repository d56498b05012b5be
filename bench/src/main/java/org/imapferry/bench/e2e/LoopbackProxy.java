package org.imapferry.bench.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * What the benchmarks' proxies share: a listener on loopback that connects each client to the
 * server behind it and hands both sockets to the proxy's own relay. The port in use is printed as
 * the first line, {@code port=N}, for the scripts to read. Runs until killed.
 */
final class LoopbackProxy {
    /** Moves the bytes of one proxied connection, on threads of its own. */
    interface Relay {
        void start(Socket client, Socket upstream) throws IOException;
    }

    private LoopbackProxy() {}

    static void serve(int listenPort, InetSocketAddress target, Relay relay) throws IOException {
        try (ServerSocket server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("port=" + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target);
                } catch (IOException e) {
                    System.err.println("cannot reach " + target + ": " + e);
                    client.close();
                    continue;
                }
                relay.start(client, upstream);
            }
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed by the other direction
        }
    }
}
