package org.imapferry.bench.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the end-to-end benchmark's mail corpus as Maildir++ files in Dovecot's {@code LAYOUT=fs}
 * (one directory per folder level, INBOX at the root), so a source account of a few thousand
 * messages exists in seconds instead of the minutes APPENDing it would take. INTERNALDATE is the
 * file's mtime and the flags are in the file name, as Dovecot reads them.
 *
 * <p>Usage: {@code CorpusGenerator BASE_DIR EXTRA_DIR MESSAGES [SEED]}. BASE_DIR receives
 * MESSAGES messages; EXTRA_DIR receives 1% more (at least one) in the same layout, which the
 * benchmark copies into the source between runs to time an incremental run. A fixed seed makes
 * every run copy byte-identical mail, so runs on different days stay comparable.
 */
public final class CorpusGenerator {
    /** Folders and their share of messages: an INBOX-heavy account of 14 folders, some nested. */
    private static final List<String> FOLDERS = List.of("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive",
            "Archive/2023", "Archive/2024", "Projects", "Projects/alpha", "Projects/beta", "Lists", "Lists/dev",
            "Receipts");
    private static final int[] FOLDER_WEIGHTS = {30, 12, 1, 4, 3, 4, 10, 10, 2, 6, 5, 2, 8, 3};
    private static final String[] KEYWORDS = {"$Forwarded", "$Important"};
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are "
            + "or his from at which but have an they you were her she there been one all we their has would "
            + "when if so no out up said what its about into than them can only other new some could time "
            + "migration server folder mailbox message invoice meeting quarterly report draft review budget "
            + "deadline attached please thanks regards schedule release customer project update").split(" ");
    private static final Instant NEWEST = Instant.parse("2026-01-01T00:00:00Z");
    private static final long THREE_YEARS_SECONDS = 3L * 365 * 24 * 3600;
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Random random;
    private final String uniquePart;
    private int sequence;
    private long bytes;

    private CorpusGenerator(long seed, String uniquePart) {
        this.random = new Random(seed);
        this.uniquePart = uniquePart;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: CorpusGenerator BASE_DIR EXTRA_DIR MESSAGES [SEED]");
            System.exit(2);
        }
        int messages = Integer.parseInt(args[2]);
        long seed = args.length == 4 ? Long.parseLong(args[3]) : 20260101L;
        // Different seeds and name parts for the extra messages: they must neither repeat the
        // base's content nor collide with its file names when copied into the same folders.
        CorpusGenerator base = new CorpusGenerator(seed, "base");
        base.write(Path.of(args[0]), messages);
        CorpusGenerator extra = new CorpusGenerator(seed + 1, "extra");
        int extraMessages = Math.max(1, messages / 100);
        extra.write(Path.of(args[1]), extraMessages);
        System.out.printf(Locale.ROOT, "corpus: %d messages, %.1f MB in %d folders; %d extra messages, %.1f MB%n",
                messages, base.bytes / 1e6, FOLDERS.size(), extraMessages, extra.bytes / 1e6);
    }

    private void write(Path root, int messages) throws IOException {
        for (String folder : FOLDERS) {
            Path maildir = maildirOf(root, folder);
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            // Keyword letters a, b in file names map to these names.
            Files.writeString(maildir.resolve("dovecot-keywords"), "0 " + KEYWORDS[0] + "\n1 " + KEYWORDS[1] + "\n");
        }
        int totalWeight = 0;
        for (int weight : FOLDER_WEIGHTS) {
            totalWeight += weight;
        }
        for (int i = 0; i < messages; i++) {
            int pick = random.nextInt(totalWeight);
            int folder = 0;
            while (pick >= FOLDER_WEIGHTS[folder]) {
                pick -= FOLDER_WEIGHTS[folder];
                folder++;
            }
            writeMessage(maildirOf(root, FOLDERS.get(folder)));
        }
    }

    private static Path maildirOf(Path root, String folder) {
        return folder.equals("INBOX") ? root : root.resolve(folder);
    }

    private void writeMessage(Path maildir) throws IOException {
        Instant date = NEWEST.minusSeconds((long) (random.nextDouble() * THREE_YEARS_SECONDS));
        byte[] message = message(date, targetSize());
        sequence++;
        String name = date.getEpochSecond() + ".M" + sequence + "P0." + uniquePart + ",S=" + message.length + ":2,"
                + flagLetters();
        Path file = maildir.resolve("cur").resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(message);
        }
        Files.setLastModifiedTime(file, FileTime.from(date));
        bytes += message.length;
    }

    /**
     * A size mix like a real account: mostly 2-50 KB, about 5.5% 100 KB-1 MB, about 0.3% 5-10 MB,
     * each log-uniform within its band; with 3,000 messages this comes to about 170 MB.
     */
    private int targetSize() {
        double band = random.nextDouble();
        if (band < 0.0027) {
            return logUniform(5_000_000, 10_000_000);
        }
        if (band < 0.0577) {
            return logUniform(100_000, 1_000_000);
        }
        return logUniform(2_000, 50_000);
    }

    private int logUniform(int low, int high) {
        return (int) Math.round(low * Math.exp(random.nextDouble() * Math.log((double) high / low)));
    }

    /** Maildir info letters in ASCII order: keywords a, b; system flags F (flagged), R (answered), S (seen). */
    private String flagLetters() {
        StringBuilder letters = new StringBuilder();
        if (random.nextInt(100) < 3) {
            letters.append('a');
        }
        if (random.nextInt(100) < 2) {
            letters.append('b');
        }
        if (random.nextInt(100) < 5) {
            letters.append('F');
        }
        if (random.nextInt(100) < 10) {
            letters.append('R');
        }
        if (random.nextInt(100) < 75) {
            letters.append('S');
        }
        return letters.toString();
    }

    /**
     * A message of about {@code size} bytes with CRLF line ends (so the file size is what IMAP
     * reports): plain text when small, text plus a base64 attachment of random (incompressible)
     * bytes when 100 KB or more, as big mail mostly is.
     */
    private byte[] message(Instant date, int size) {
        StringBuilder out = new StringBuilder(size + 1024);
        String boundary = "=_bench_" + Long.toHexString(random.nextLong());
        boolean attachment = size >= 100_000;
        out.append("Return-Path: <sender").append(random.nextInt(500)).append("@example.org>\r\n")
                .append("From: Sender ").append(random.nextInt(500)).append(" <sender")
                .append(random.nextInt(500)).append("@example.org>\r\n")
                .append("To: Bench User <bench@example.com>\r\n")
                .append("Subject: ").append(words(3 + random.nextInt(6))).append("\r\n")
                .append("Date: ").append(RFC_5322_DATE.format(date)).append("\r\n")
                .append("Message-ID: <").append(Long.toHexString(random.nextLong())).append('.').append(uniquePart)
                .append("@bench.example.org>\r\n")
                .append("MIME-Version: 1.0\r\n");
        if (attachment) {
            out.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                    .append("--").append(boundary).append("\r\n")
                    .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
            appendText(out, 1_000 + random.nextInt(3_000));
            out.append("--").append(boundary).append("\r\n")
                    .append("Content-Type: application/octet-stream; name=\"file.bin\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: attachment; filename=\"file.bin\"\r\n\r\n");
            int remaining = Math.max(0, size - out.length() - 64);
            byte[] raw = new byte[remaining * 57 / 78];
            random.nextBytes(raw);
            String encoded = Base64.getEncoder().encodeToString(raw);
            for (int i = 0; i < encoded.length(); i += 76) {
                out.append(encoded, i, Math.min(encoded.length(), i + 76)).append("\r\n");
            }
            out.append("--").append(boundary).append("--\r\n");
        } else {
            out.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
            appendText(out, Math.max(100, size - out.length()));
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void appendText(StringBuilder out, int length) {
        int end = out.length() + length;
        while (out.length() < end) {
            out.append(words(6 + random.nextInt(6))).append("\r\n");
        }
    }

    private String words(int count) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return line.toString();
    }
}
