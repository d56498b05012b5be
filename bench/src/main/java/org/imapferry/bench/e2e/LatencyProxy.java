package org.imapferry.bench.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that delays every chunk by a fixed time in each direction, to see what
 * a WAN's round trip does to a copy tool: a tool that waits for each answer pays the round trip
 * per command, a pipelining one almost nothing. Order is kept because every chunk waits the same
 * time in a FIFO queue; bandwidth is not limited.
 *
 * <p>Blocking sockets and four threads per connection (a reader and a delayed writer per
 * direction): the benchmark opens a handful of connections, and a thread that sleeps until a
 * chunk is due is the simplest exact delay. The queue is bounded so a slow receiver still pushes
 * back on the sender through TCP, as it would without the proxy.
 *
 * <p>Usage: {@code LatencyProxy LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS}, DELAY_MS each way
 * (10 for a 20 ms round trip). LISTEN_PORT 0 takes a free port; the port in use is printed as the
 * first line, {@code port=N}. Runs until killed.
 */
public final class LatencyProxy {
    private static final int CHUNK = 1 << 16;
    private static final int QUEUED_CHUNKS = 1024;
    /** Marks the end of a direction's stream in its queue. */
    private static final Chunk END = new Chunk(0, new byte[0]);

    private record Chunk(long dueNanos, byte[] bytes) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: LatencyProxy LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS");
            System.exit(2);
        }
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[3]));
        LoopbackProxy.serve(Integer.parseInt(args[0]), target, (client, upstream) -> {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            AtomicInteger finishedDirections = new AtomicInteger();
            relay(client, upstream, delayNanos, finishedDirections);
            relay(upstream, client, delayNanos, finishedDirections);
        });
    }

    /**
     * Starts the reader and the delayed writer of one direction; the second direction to finish
     * closes both sockets.
     */
    private static void relay(Socket from, Socket to, long delayNanos, AtomicInteger finishedDirections)
            throws IOException {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread reader = new Thread(
                () -> {
                    byte[] buffer = new byte[CHUNK];
                    try {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                        }
                        queue.put(END);
                    } catch (IOException e) {
                        putEnd(queue);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "proxy-read");
        Thread writer = new Thread(
                () -> {
                    try {
                        Chunk chunk;
                        while ((chunk = queue.take()) != END) {
                            long wait = chunk.dueNanos - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            out.write(chunk.bytes);
                        }
                        // Pass the half-close on (after the delayed data), as TCP would.
                        to.shutdownOutput();
                    } catch (IOException e) {
                        // A reset on either side ends both directions: the other reader then fails too.
                        LoopbackProxy.closeQuietly(from);
                        LoopbackProxy.closeQuietly(to);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (finishedDirections.incrementAndGet() == 2) {
                        LoopbackProxy.closeQuietly(from);
                        LoopbackProxy.closeQuietly(to);
                    }
                },
                "proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void putEnd(BlockingQueue<Chunk> queue) {
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
