package org.imapferry.engine.probe;

import java.time.Duration;

/**
 * What one phase moved. MB are 10^6 bytes: {@code megabytesPerSecond = bytes / 10^6 / seconds}.
 *
 * @param connections the connections that took part
 * @param elapsed     from the first command sent to the last answer received
 */
public record Throughput(ProbePhase phase, int connections, long messages, long bytes, Duration elapsed) {
    public static final double MEGABYTE = 1_000_000.0;

    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    public double bytesPerSecond() {
        return seconds() <= 0 ? 0 : bytes / seconds();
    }

    public double megabytesPerSecond() {
        return bytesPerSecond() / MEGABYTE;
    }

    public double messagesPerSecond() {
        return seconds() <= 0 ? 0 : messages / seconds();
    }
}
