package org.imapferry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.Secrets;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.Verifier;
import org.imapferry.engine.verify.VerifyOptions;
import org.imapferry.engine.verify.VerifyReport;
import picocli.CommandLine;

/** Runs the real command, as {@link Main#main} builds it for the arguments, with captured output, and looks at real servers. */
final class Cli {
    private Cli() {}

    /** One run: the exit code and what was printed. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }

        /** Fails when a password (or any secret) appears, in clear, base64 or hex, anywhere in what was printed. */
        Run assertNeverPrinted(String... secrets) {
            for (String s : secrets) {
                Secrets.assertAbsent("what was printed", all(), null, s);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    static Run run(String... args) {
        CommandLine cl = Main.forArguments(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String[] concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The options the command would use, for the engine's Verifier (passwords given on the line only). */
    static SyncOptions options(String... args) {
        return ImapferryCommand.parse(args).toSyncOptions(new PasswordSource(Map.of(), () -> null));
    }

    /** Fetches both sides message by message (content digest, flags, date) with the same options. */
    static VerifyReport verify(String... args) {
        return new Verifier(options(args), VerifyOptions.strict()).run();
    }

    /** A small RFC 5322 message. */
    static byte[] message(String id, String subject, int bodyBytes) {
        StringBuilder body = new StringBuilder();
        while (body.length() < bodyBytes) {
            body.append("Line of the message ").append(id).append(" body text.\r\n");
        }
        String m = "From: Alice <alice@old.example>\r\nTo: Bob <bob@old.example>\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "@old.example>\r\nDate: Tue, 3 Mar 2020 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body;
        return m.getBytes(StandardCharsets.US_ASCII);
    }

    static void deliver(DovecotServer server, String user, String folder, String id, Set<String> flags) {
        server.deliver(
                user,
                folder,
                message(id, "Message " + id + " in " + folder, 300),
                flags,
                Instant.parse("2020-03-03T10:00:00Z"));
    }

    private static final java.util.regex.Pattern LIST =
            java.util.regex.Pattern.compile("^\\* LIST \\([^)]*\\) (?:\"[^\"]*\"|NIL) (.*)$");

    /** Folder name -> message count, from LIST and STATUS over the plain port (a client's view). */
    static Map<String, Integer> folders(DovecotServer server, String user, String password) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (RawImap c = RawImap.connect(server.host(), server.port())) {
            String login = c.status("LOGIN \"" + user + "\" \"" + password + "\"");
            if (!login.startsWith("OK")) {
                throw new IOException("LOGIN " + user + ": " + login);
            }
            for (String line : c.lines("LIST \"\" \"*\"")) {
                if (!line.startsWith("* LIST")) {
                    continue;
                }
                java.util.regex.Matcher m = LIST.matcher(line);
                if (!m.matches()) {
                    throw new IOException("unexpected LIST line: " + line);
                }
                String name = m.group(1);
                if (name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                int messages = -1;
                for (String s : c.lines("STATUS \"" + name + "\" (MESSAGES)")) {
                    if (s.startsWith("* STATUS")) {
                        String n = s.substring(s.lastIndexOf("MESSAGES ") + 9)
                                .replace(")", "")
                                .strip();
                        messages = Integer.parseInt(n);
                    }
                }
                counts.put(name, messages);
            }
        }
        return counts;
    }
}
