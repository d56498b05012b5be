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
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Usage: {@code CorpusGenerator BASE_DIR EXTRA_DIR MESSAGES [SEED] [--folders=N] [--sizes=MIN-MAX]}.
 * BASE_DIR receives MESSAGES messages; EXTRA_DIR receives 1% more (at least one) in the same
 * layout, which the benchmark copies into the source between runs to time an incremental run. A
 * fixed seed makes every run copy byte-identical mail, so runs on different days stay comparable.
 * {@code --folders} (default 14, at most 20) takes the first N of the folder list; {@code --sizes}
 * makes every message plain text of MIN-MAX bytes (log-uniform) instead of the default mix. Without
 * either option the corpus is the same as it always was.
 */
public final class CorpusGenerator {
    /**
     * Folders and their share of messages: an INBOX-heavy account, some folders nested. The first 14
     * are the default corpus; the rest are there for {@code --folders} up to 20.
     */
    private static final List<String> ALL_FOLDERS = List.of(
            "INBOX",
            "Sent",
            "Drafts",
            "Trash",
            "Junk",
            "Archive",
            "Archive/2023",
            "Archive/2024",
            "Projects",
            "Projects/alpha",
            "Projects/beta",
            "Lists",
            "Lists/dev",
            "Receipts",
            "Archive/2022",
            "Archive/2025",
            "Projects/gamma",
            "Lists/users",
            "Travel",
            "Family");

    private static final int[] ALL_FOLDER_WEIGHTS = {30, 12, 1, 4, 3, 4, 10, 10, 2, 6, 5, 2, 8, 3, 8, 6, 3, 4, 2, 2};
    private static final int DEFAULT_FOLDERS = 14;
    private static final String[] KEYWORDS = {"$Forwarded", "$Important"};
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are "
                    + "or his from at which but have an they you were her she there been one all we their has would "
                    + "when if so no out up said what its about into than them can only other new some could time "
                    + "migration server folder mailbox message invoice meeting quarterly report draft review budget "
                    + "deadline attached please thanks regards schedule release customer project update")
            .split(" ");
    private static final Instant NEWEST = Instant.parse("2026-01-01T00:00:00Z");
    private static final long THREE_YEARS_SECONDS = 3L * 365 * 24 * 3600;
    private static final DateTimeFormatter RFC_5322_DATE = DateTimeFormatter.ofPattern(
                    "EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Random random;
    private final String uniquePart;
    private final List<String> folders;
    private final int[] folderWeights;
    /** MIN and MAX bytes of every message, or null for the default size mix. */
    private final int[] sizes;

    private int sequence;
    private long bytes;

    private CorpusGenerator(long seed, String uniquePart, int folderCount, int[] sizes) {
        this.random = new Random(seed);
        this.uniquePart = uniquePart;
        this.folders = ALL_FOLDERS.subList(0, folderCount);
        this.folderWeights = Arrays.copyOf(ALL_FOLDER_WEIGHTS, folderCount);
        this.sizes = sizes;
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        int folderCount = DEFAULT_FOLDERS;
        int[] sizes = null;
        for (String arg : args) {
            if (arg.startsWith("--folders=")) {
                folderCount = Integer.parseInt(arg.substring("--folders=".length()));
            } else if (arg.startsWith("--sizes=")) {
                String[] range = arg.substring("--sizes=".length()).split("-", 2);
                sizes = new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])};
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() < 3
                || positional.size() > 4
                || folderCount < 1
                || folderCount > ALL_FOLDERS.size()
                || (sizes != null && (sizes[0] < 200 || sizes[1] < sizes[0] || sizes[1] >= 100_000))) {
            System.err.println("usage: CorpusGenerator BASE_DIR EXTRA_DIR MESSAGES [SEED] [--folders=1.."
                    + ALL_FOLDERS.size() + "] [--sizes=MIN-MAX (200 <= MIN <= MAX < 100000)]");
            System.exit(2);
        }
        int messages = Integer.parseInt(positional.get(2));
        long seed = positional.size() == 4 ? Long.parseLong(positional.get(3)) : 20260101L;
        // Different seeds and name parts for the extra messages: they must neither repeat the
        // base's content nor collide with its file names when copied into the same folders.
        CorpusGenerator base = new CorpusGenerator(seed, "base", folderCount, sizes);
        base.write(Path.of(positional.get(0)), messages);
        CorpusGenerator extra = new CorpusGenerator(seed + 1, "extra", folderCount, sizes);
        int extraMessages = Math.max(1, messages / 100);
        extra.write(Path.of(positional.get(1)), extraMessages);
        System.out.printf(
                Locale.ROOT,
                "corpus: %d messages, %.1f MB in %d folders; %d extra messages, %.1f MB%n",
                messages,
                base.bytes / 1e6,
                folderCount,
                extraMessages,
                extra.bytes / 1e6);
    }

    private void write(Path root, int messages) throws IOException {
        for (String folder : folders) {
            Path maildir = maildirOf(root, folder);
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            // Keyword letters a, b in file names map to these names.
            Files.writeString(maildir.resolve("dovecot-keywords"), "0 " + KEYWORDS[0] + "\n1 " + KEYWORDS[1] + "\n");
        }
        int totalWeight = 0;
        for (int weight : folderWeights) {
            totalWeight += weight;
        }
        for (int i = 0; i < messages; i++) {
            int pick = random.nextInt(totalWeight);
            int folder = 0;
            while (pick >= folderWeights[folder]) {
                pick -= folderWeights[folder];
                folder++;
            }
            writeMessage(maildirOf(root, folders.get(folder)));
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
     * With {@code --sizes}, MIN-MAX bytes. Otherwise a size mix like a real account: mostly 2-50 KB,
     * about 5.5% 100 KB-1 MB, about 0.3% 5-10 MB, each log-uniform within its band; with 3,000
     * messages this comes to about 170 MB.
     */
    private int targetSize() {
        if (sizes != null) {
            return logUniform(sizes[0], sizes[1]);
        }
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
        out.append("Return-Path: <sender")
                .append(random.nextInt(500))
                .append("@example.org>\r\n")
                .append("From: Sender ")
                .append(random.nextInt(500))
                .append(" <sender")
                .append(random.nextInt(500))
                .append("@example.org>\r\n")
                .append("To: Bench User <bench@example.com>\r\n")
                .append("Subject: ")
                .append(words(3 + random.nextInt(6)))
                .append("\r\n")
                .append("Date: ")
                .append(RFC_5322_DATE.format(date))
                .append("\r\n")
                .append("Message-ID: <")
                .append(Long.toHexString(random.nextLong()))
                .append('.')
                .append(uniquePart)
                .append("@bench.example.org>\r\n")
                .append("MIME-Version: 1.0\r\n");
        if (attachment) {
            out.append("Content-Type: multipart/mixed; boundary=\"")
                    .append(boundary)
                    .append("\"\r\n\r\n")
                    .append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
            appendText(out, 1_000 + random.nextInt(3_000));
            out.append("--")
                    .append(boundary)
                    .append("\r\n")
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
