package org.imapferry.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MB message through a 64 MB heap: the relay must stream it, never hold it. The copy runs
 * in a child JVM started with -Xmx64m ({@link LargeCopyMain}); the message is generated on disk
 * and placed as a Maildir file, so this JVM never holds it either.
 */
@DovecotTest
class LargeMessageTest {
    private static final long SIZE = 200L * 1024 * 1024;
    private static final long HEAP_LIMIT = 64L * 1024 * 1024;

    @Test
    void twoHundredMegabytesThroughSixtyFourMegabytesOfHeap(@TempDir Path dir) throws Exception {
        DovecotServer.assumeAvailable();
        try (DovecotServer dovecot = DovecotServer.start()) {
            dovecot.addUser("big", Migrations.PASSWORD);
            dovecot.addUser("copy", Migrations.PASSWORD);
            Path message = dir.resolve("big.eml");
            long size = writeMessage(message);
            Instant date = Instant.parse("2015-06-07T08:09:10Z");
            dovecot.deliver("big", "INBOX", message, Set.of("\\Seen", "$Forwarded"), date);
            Files.delete(message);

            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx64m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            LargeCopyMain.class.getName(),
                            dovecot.host(),
                            String.valueOf(dovecot.port()),
                            "big",
                            "copy",
                            Migrations.PASSWORD)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended = child.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            assertTrue(ended, () -> "the child JVM did not finish in 180 s:\n" + output);
            assertEquals(0, child.exitValue(), () -> "the child JVM failed:\n" + output);
            assertTrue(output.contains("bytesCopied=" + size), output);
            assertTrue(!output.contains("LEAK:"), () -> "the child JVM leaked buffers:\n" + output);
            Matcher peak = Pattern.compile("peakHeapBytes=(\\d+)").matcher(output);
            assertTrue(peak.find(), output);
            long peakHeap = Long.parseLong(peak.group(1));
            System.out.println("200 MB copy: peak heap " + peakHeap / 1024 / 1024 + " MB of 64 MB");
            assertTrue(peakHeap < HEAP_LIMIT * 3 / 4, () -> "peak heap " + peakHeap + " bytes:\n" + output);

            SyncOptions options = SyncOptions.defaults(
                    Migrations.endpoint(dovecot.host(), dovecot.port(), "big"),
                    Migrations.endpoint(dovecot.host(), dovecot.port(), "copy"));
            VerifyReport verified = Migrations.verify(options);
            assertEquals(1, verified.identical());
            Map<String, List<RawImap.Message>> source = Migrations.snapshot(dovecot.host(), dovecot.port(), "big");
            Map<String, List<RawImap.Message>> target = Migrations.snapshot(dovecot.host(), dovecot.port(), "copy");
            assertEquals(size, source.get("INBOX").get(0).size());
            Migrations.assertSameMessages("INBOX", source.get("INBOX"), target.get("INBOX"));
        }
    }

    /** Writes a CRLF message of about {@link #SIZE} bytes in 64 KB steps; returns its exact size. */
    private static long writeMessage(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("Message-ID: <huge@x>\r\nDate: Sun, 7 Jun 2015 08:09:10 +0000\r\nFrom: big@x\r\n"
                            + "Subject: two hundred megabytes\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Transfer-Encoding: base64\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] line = new byte[78];
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            long written = 0;
            for (long n = 0; written < SIZE; n++) {
                for (int i = 0; i < 76; i++) {
                    line[i] = (byte) alphabet.charAt((int) ((n * 31 + i * 7 + (n >>> 6)) & 63));
                }
                line[76] = '\r';
                line[77] = '\n';
                out.write(line);
                written += line.length;
            }
        }
        return Files.size(file);
    }
}
