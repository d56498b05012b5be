package org.imapferry.engine.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * A loopback TCP relay in front of a test server that drops connections: a migration killed in
 * the middle, as a network failure or a killed process would leave it. Either every connection
 * goes at once and no new one is let in (the server is gone), or each connection, counted in the
 * order they were opened, is cut where its own {@link Cut} says and the others go on.
 */
public final class CuttingProxy implements AutoCloseable {
    /** Where one connection is cut; nothing past the cut reaches the other end. */
    public sealed interface Cut {
        /** Once the server has sent this many bytes to the client. */
        record ServerBytes(long after) implements Cut {}

        /** Once the client has sent this many bytes to the server. */
        record ClientBytes(long after) implements Cut {}

        /**
         * The first answer the server gives once the client has sent this many bytes is lost: the
         * server got a whole command (an APPEND, say) and acted on it; the client never hears so.
         */
        record AnswerAfterClientBytes(long after) implements Cut {}

        /** Right after the server's n-th tagged response line: between two commands. */
        record TaggedResponses(int count) implements Cut {}
    }

    private static final Pattern TAGGED = Pattern.compile("A\\d+ (OK|NO|BAD)\\b.*", Pattern.DOTALL);

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final long cutAfter;
    /** Where the n-th connection (from 1) is cut, or null to leave it alone; null: the old all-at-once mode. */
    private final IntFunction<Cut> plan;

    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean cut;

    /** Cuts every connection at once, and lets no new one in, once the server sent them that many bytes. */
    public CuttingProxy(String host, int port, long cutAfterBytes) throws IOException {
        this(host, port, cutAfterBytes, null);
    }

    private CuttingProxy(String host, int port, long cutAfterBytes, IntFunction<Cut> plan) throws IOException {
        this.cutAfter = cutAfterBytes;
        this.plan = plan;
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> accept(host, port), "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Cuts only the {@code n}th connection opened through it, once the server sent it that many bytes. */
    public static CuttingProxy cuttingConnection(String host, int port, int n, long cutAfterBytes) throws IOException {
        return cutting(host, port, i -> i == n ? new Cut.ServerBytes(cutAfterBytes) : null);
    }

    /** Cuts each connection where {@code plan} says for its number (from 1); null leaves it alone. */
    public static CuttingProxy cutting(String host, int port, IntFunction<Cut> plan) throws IOException {
        return new CuttingProxy(host, port, 0, plan);
    }

    /**
     * Cuts connections {@code first} to {@code first + count - 1} each at a point drawn from the
     * seed, uniformly between {@code min} and {@code max}: the same seed cuts at the same points.
     */
    public static IntFunction<Cut> seeded(long seed, int first, int count, long min, long max, LongFunction<Cut> at) {
        Random random = new Random(seed);
        long[] points = new long[count];
        for (int i = 0; i < count; i++) {
            points[i] = min + (long) (random.nextDouble() * (max - min + 1));
        }
        return n -> n >= first && n < first + count ? at.apply(points[n - first]) : null;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Whether the proxy has cut. */
    public boolean hasCut() {
        return cut;
    }

    /** How many connections it has cut. */
    public int cuts() {
        return cuts.get();
    }

    private void accept(String host, int port) {
        AtomicLong everyConnection = new AtomicLong();
        int opened = 0;
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                opened++;
                if (cut && plan == null) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(host, port);
                sockets.add(client);
                sockets.add(server);
                if (plan == null) {
                    Connection all = new Connection(new Cut.ServerBytes(cutAfter), sockets, everyConnection);
                    all.start(client, server);
                } else {
                    new Connection(plan.apply(opened), List.of(client, server), new AtomicLong()).start(client, server);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One relayed connection and the counts its cut is decided by. */
    private final class Connection {
        private final Cut cutAt;
        private final List<Socket> cutTogether;
        private final AtomicLong fromServer;
        private final AtomicLong fromClient = new AtomicLong();
        private final StringBuilder line = new StringBuilder();
        private int tagged;

        Connection(Cut cutAt, List<Socket> cutTogether, AtomicLong fromServer) {
            this.cutAt = cutAt;
            this.cutTogether = cutTogether;
            this.fromServer = fromServer;
        }

        void start(Socket client, Socket server) throws IOException {
            pump(client.getInputStream(), server.getOutputStream(), true);
            pump(server.getInputStream(), client.getOutputStream(), false);
        }

        /** How many of the {@code n} bytes read may pass before the cut: n when there is no cut in them. */
        private synchronized int allowed(byte[] buffer, int n, boolean fromClientSide) {
            if (cutAt instanceof Cut.ClientBytes c && fromClientSide) {
                return (int) Math.min(n, Math.max(0, c.after() - fromClient.get()));
            }
            if (cutAt instanceof Cut.ServerBytes c && !fromClientSide) {
                return (int) Math.min(n, Math.max(0, c.after() - fromServer.get()));
            }
            if (cutAt instanceof Cut.AnswerAfterClientBytes c && !fromClientSide) {
                return fromClient.get() >= c.after() ? 0 : n;
            }
            if (cutAt instanceof Cut.TaggedResponses c && !fromClientSide) {
                for (int i = 0; i < n; i++) {
                    if (line.length() < 16) {
                        line.append((char) (buffer[i] & 0xff));
                    }
                    if (buffer[i] == '\n') {
                        boolean isTagged = TAGGED.matcher(line).matches();
                        line.setLength(0);
                        if (isTagged && ++tagged == c.count()) {
                            return i + 1;
                        }
                    }
                }
            }
            return n;
        }

        private synchronized boolean cutNow(boolean fromClientSide) {
            if (cutAt instanceof Cut.ClientBytes c) {
                return fromClientSide && fromClient.get() >= c.after();
            }
            if (cutAt instanceof Cut.ServerBytes c) {
                return !fromClientSide && fromServer.get() >= c.after();
            }
            if (cutAt instanceof Cut.AnswerAfterClientBytes c) {
                return !fromClientSide && fromClient.get() >= c.after();
            }
            return cutAt instanceof Cut.TaggedResponses c && !fromClientSide && tagged >= c.count();
        }

        private void pump(InputStream in, OutputStream out, boolean fromClientSide) {
            Thread t = new Thread(
                    () -> {
                        byte[] buffer = new byte[16384];
                        try {
                            int n;
                            while ((n = in.read(buffer)) >= 0) {
                                int pass = allowed(buffer, n, fromClientSide);
                                // Counted before the write: the other end cannot answer bytes not yet counted.
                                (fromClientSide ? fromClient : fromServer).addAndGet(pass);
                                out.write(buffer, 0, pass);
                                out.flush();
                                if (pass < n || cutNow(fromClientSide)) {
                                    cut(cutTogether);
                                    cuts.incrementAndGet();
                                    return;
                                }
                            }
                        } catch (IOException e) {
                            // The other direction or the cut closed the socket.
                        }
                    },
                    "cutting-proxy-pump");
            t.setDaemon(true);
            t.start();
        }
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
