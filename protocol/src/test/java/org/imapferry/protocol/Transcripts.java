package org.imapferry.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the recorded server transcripts in {@code src/test/resources/transcripts} (format: see the
 * README there) and rebuilds the bytes the server sent: server lines only, prefixes stripped,
 * CRLF line ends, MailKit's {@code A########} tag placeholder replaced by a real tag. A sample that
 * stops inside a literal (marked PARTIAL or omitted) is cut before its incomplete response.
 */
final class Transcripts {
    static final List<String> FILES = List.of(
            "courier.txt",
            "cyrus.txt",
            "dovecot.txt",
            "gmail.txt",
            "greenmail.txt",
            "icloud.txt",
            "malformed.txt",
            "office365.txt",
            "other.txt",
            "rfc-examples.txt",
            "stalwart.txt",
            "uw-imap.txt",
            "yahoo.txt",
            "zimbra.txt");

    /** Command names that mark an unprefixed "tag COMMAND" line as the client's. */
    private static final Pattern COMMAND = Pattern.compile("(UID|CAPABILITY|LOGIN|AUTHENTICATE|SELECT|EXAMINE"
            + "|LIST|LSUB|XLIST|FETCH|STORE|SEARCH|IDLE|ENABLE|NOOP|LOGOUT|STATUS|APPEND|COPY|MOVE|EXPUNGE"
            + "|CLOSE|NAMESPACE|ID|GETQUOTAROOT|CREATE|DELETE|RENAME|SUBSCRIBE|STARTTLS|UNSELECT|COMPRESS)");

    private static final Pattern ANNOUNCEMENT = Pattern.compile("~?\\{(\\d+)\\+?}$");

    /** One sample: its file and title, and the server's bytes. */
    record Sample(String file, String title, List<String> notes, byte[] serverBytes, boolean truncated) {
        String text() {
            return new String(serverBytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return file + ": " + title;
        }
    }

    private Transcripts() {}

    static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        for (String file : FILES) {
            samples.addAll(read(file));
        }
        return samples;
    }

    static Sample find(String file, String titleStart) {
        for (Sample s : read(file)) {
            if (s.title().startsWith(titleStart)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no sample " + titleStart + " in " + file);
    }

    static List<Sample> read(String file) {
        String content;
        try (InputStream in = Transcripts.class.getResourceAsStream("/transcripts/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + file);
            }
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Sample> samples = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("## ")) {
            i++;
        }
        while (i < lines.length) {
            String title = lines[i].substring(3);
            int j = i + 1;
            while (j < lines.length && !lines[j].startsWith("## ")) {
                j++;
            }
            List<String> body = new ArrayList<>(List.of(lines).subList(i + 1, j));
            // The blank line before the next heading (and the file's final newline) separate samples.
            while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
                body.remove(body.size() - 1);
            }
            samples.add(sample(file, title, body));
            i = j;
        }
        return samples;
    }

    private static Sample sample(String file, String title, List<String> body) {
        List<String> notes = new ArrayList<>();
        int k = 0;
        while (k < body.size()
                && (body.get(k).startsWith("source:") || body.get(k).startsWith("what:"))) {
            k++;
        }
        while (k < body.size() && body.get(k).startsWith("note:")) {
            notes.add(body.get(k));
            k++;
        }
        List<String> raw = body.subList(k, body.size());
        Style style = Style.of(raw);
        boolean[] lastWasServer = {true};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long pendingLiteral = 0;
        int responseStart = 0;
        // After a literal that ends with its line, the next line continues the same response.
        boolean continuation = false;
        for (int n = 0; n < raw.size(); n++) {
            String line = raw.get(n).replace("A########", "A00000001");
            String wire;
            if (pendingLiteral > 0 || continuation) {
                wire = style.literalLine(line);
                continuation = false;
            } else {
                wire = style.serverLine(line, raw, n, lastWasServer);
                if (wire == null) {
                    continue;
                }
                responseStart = out.size();
            }
            byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(bytes);
            out.writeBytes(new byte[] {'\r', '\n'});
            String rest = wire;
            if (pendingLiteral > 0) {
                if (bytes.length + 2 <= pendingLiteral) {
                    pendingLiteral -= bytes.length + 2;
                    continuation = pendingLiteral == 0;
                    continue;
                }
                rest = new String(
                        bytes, (int) pendingLiteral, bytes.length - (int) pendingLiteral, StandardCharsets.UTF_8);
                pendingLiteral = 0;
            }
            Matcher m = ANNOUNCEMENT.matcher(rest);
            if (m.find()) {
                pendingLiteral = Long.parseLong(m.group(1));
            }
        }
        byte[] bytes = out.toByteArray();
        boolean truncated = pendingLiteral > 0;
        if (truncated) {
            bytes = java.util.Arrays.copyOf(bytes, responseStart);
        }
        return new Sample(file, title, notes, bytes, truncated);
    }

    /** How a sample marks server and client lines. */
    private enum Style {
        /** {@code S:} / {@code C:} prefixes; unprefixed lines go with the last prefixed one. */
        SC,
        /** Mail::IMAPClient: "Sending:" client, "Read:" server, continuations indented. */
        IMAPCLIENT,
        /** Courier "WRITE:" server chunks. */
        COURIER,
        /** RainLoop "&lt;" server, "&gt;" client, CRLF printed as \r\n. */
        RAINLOOP,
        /** Xeams "S &lt;--" / "C --&gt;". */
        XEAMS,
        /** No prefixes: server lines, except client commands answered by a later tagged line. */
        PLAIN;

        static Style of(List<String> raw) {
            Style style = PLAIN;
            for (String l : raw) {
                if (l.startsWith("Read:") || l.startsWith("Sending:")) {
                    style = IMAPCLIENT;
                } else if (l.startsWith("WRITE:")) {
                    style = COURIER;
                } else if (l.startsWith("< ") && l.endsWith("\\r\\n")) {
                    style = RAINLOOP;
                } else if (l.startsWith("S <--") || l.startsWith("C -->")) {
                    style = XEAMS;
                } else if ((l.startsWith("S:") || l.startsWith("C:")) && style == PLAIN) {
                    style = SC;
                }
            }
            return style;
        }

        /**
         * The wire text of a server line, or null for a client or log line.
         *
         * @param lastWasServer the direction of the last prefixed line, updated here
         */
        String serverLine(String line, List<String> raw, int index, boolean[] lastWasServer) {
            switch (this) {
                case SC:
                    if (line.startsWith("S:")) {
                        lastWasServer[0] = true;
                        return stripOneSpace(line.substring(2));
                    }
                    if (line.startsWith("C:")) {
                        lastWasServer[0] = false;
                        return null;
                    }
                    return lastWasServer[0] ? line : null;
                case IMAPCLIENT:
                    if (line.startsWith("Read:")) {
                        return line.substring(5).stripLeading();
                    }
                    return line.startsWith(" ") || line.startsWith("\t") ? line.stripLeading() : null;
                case COURIER:
                    return line.startsWith("WRITE: ") ? line.substring(7) : line;
                case RAINLOOP:
                    return line.startsWith("< ") ? line.substring(2, line.length() - 4) : null;
                case XEAMS:
                    return line.startsWith("S <-- ") ? line.substring(6) : null;
                default:
                    return isClientCommand(line, raw, index) ? null : line;
            }
        }

        String literalLine(String line) {
            if (this == SC && line.startsWith("S:")) {
                return stripOneSpace(line.substring(2));
            }
            return line;
        }

        private static String stripOneSpace(String s) {
            return s.startsWith(" ") ? s.substring(1) : s;
        }

        /** A line "tag COMMAND ...", or one answered by a later "tag OK/NO/BAD", or IDLE's DONE. */
        private static boolean isClientCommand(String line, List<String> raw, int index) {
            if (line.equals("DONE")) {
                return true;
            }
            String[] words = line.split(" ", 3);
            if (words.length < 2 || words[0].equals("*") || words[0].equals("+")) {
                return false;
            }
            String second = words[1].toUpperCase(Locale.ROOT);
            if (second.equals("OK") || second.equals("NO") || second.equals("BAD")) {
                return false;
            }
            if (COMMAND.matcher(second).matches()) {
                return true;
            }
            for (int n = index + 1; n < raw.size(); n++) {
                String[] later = raw.get(n).split(" ", 3);
                if (later.length >= 2
                        && later[0].equals(words[0])
                        && later[1].toUpperCase(Locale.ROOT).matches("OK|NO|BAD")) {
                    return true;
                }
            }
            return false;
        }
    }
}
