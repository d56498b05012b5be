package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Command lines from imapsync's FAQ and README ({@code imapsync-command-lines.txt}), each parsed by the
 * real command and checked against its expected outcome; those marked {@code dry} are also run with
 * --dry against a private Dovecot pair, which must finish cleanly and leave host2 untouched.
 */
class ImapsyncCommandLinesTest {
    static final String P1 = "Faq-Src-Pw-1";
    static final String P2 = "Faq-Dst-Pw-2";
    static final List<String> BASE = List.of(
            "--host1",
            "host1.test",
            "--user1",
            "user1",
            "--password1",
            P1,
            "--host2",
            "host2.test",
            "--user2",
            "user2",
            "--password2",
            P2);

    /** One line of the file. */
    record Line(int number, boolean dry, List<String> args, String expected) {
        @Override
        public String toString() {
            return ("line " + number + ": " + String.join(" ", args) + " => " + expected)
                    .replace(P1, "MASKED")
                    .replace(P2, "MASKED");
        }
    }

    static DovecotServer host1;
    static DovecotServer host2;

    /** The checks a line can make: key -> the value the options give. */
    static final Map<String, Function<ImapferryCommand, Object>> KEYS = keys();

    private static Map<String, Function<ImapferryCommand, Object>> keys() {
        Map<String, Function<SyncOptions, Object>> o = Map.ofEntries(
                Map.entry("host1", s -> s.source().host()),
                Map.entry("host2", s -> s.target().host()),
                Map.entry("user1", s -> s.source().user()),
                Map.entry("user2", s -> s.target().user()),
                Map.entry("password1", s -> s.source().password().reveal()),
                Map.entry("authuser1", s -> s.source().authUser()),
                Map.entry("authuser2", s -> s.target().authUser()),
                Map.entry("authmech1", s -> s.source().authMechanism()),
                Map.entry("security1", s -> s.source().security()),
                Map.entry("security2", s -> s.target().security()),
                Map.entry("port2", s -> s.target().port()),
                Map.entry("timeout1", s -> s.source().timeout().toSeconds()),
                Map.entry("timeout2", s -> s.target().timeout().toSeconds()),
                Map.entry("folder", s -> s.folders().folder()),
                Map.entry("include", s -> s.folders().include()),
                Map.entry("exclude", s -> s.folders().exclude()),
                Map.entry(
                        "f1f2",
                        s -> s.folders().f1f2().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .sorted()
                                .toList()),
                Map.entry("automap", s -> s.folders().automap()),
                Map.entry("sep1", s -> s.folders().sep1()),
                Map.entry("sep2", s -> s.folders().sep2()),
                Map.entry("prefix1", s -> s.folders().prefix1()),
                Map.entry("subscribed", s -> s.folders().subscribedOnly()),
                Map.entry("regextrans2", s -> s.folders().regextrans2()),
                Map.entry("regexflag", s -> s.messages().regexFlag()),
                Map.entry("search", s -> s.messages().search()),
                Map.entry("useheader", s -> s.messages().useHeaders()),
                Map.entry("maxage", s -> s.messages().maxAgeDays()),
                Map.entry("minage", s -> s.messages().minAgeDays()),
                Map.entry("maxsize", s -> s.messages().maxSize()),
                Map.entry("bytes", s -> s.pace().maxBytesPerSecond()),
                Map.entry("messages", s -> s.pace().maxMessagesPerSecond()),
                Map.entry("delete1", s -> s.messages().delete1()),
                Map.entry("expunge1", s -> s.messages().expunge1()),
                Map.entry("delete2", s -> s.messages().delete2()),
                Map.entry("dry", s -> s.modes().dry()),
                Map.entry("justfolders", s -> s.modes().justFolders()),
                Map.entry("justfoldersizes", s -> s.modes().justFolderSizes()),
                Map.entry("justlogin", s -> s.modes().justLogin()));
        Map<String, Function<ImapferryCommand, Object>> keys = new HashMap<>();
        o.forEach((k, f) -> keys.put(k, c -> f.apply(c.toSyncOptions(OptionParsingTest.NO_ENV))));
        keys.put("logfile", c -> c.modes.logFile);
        keys.put("logdir", c -> c.modes.logDir);
        return keys;
    }

    @AfterAll
    static void stop() {
        if (host1 != null) {
            host1.close();
        }
        if (host2 != null) {
            host2.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLineParsesAsExpected() throws IOException {
        List<Line> lines = lines();
        assertTrue(lines.size() >= 60, "only " + lines.size() + " command lines");
        return lines.stream().map(l -> DynamicTest.dynamicTest(l.toString(), () -> check(l)));
    }

    @DovecotTest
    @TestFactory
    Stream<DynamicTest> dryRunsFinishCleanlyAgainstDovecot() throws IOException {
        List<Line> dry = lines().stream().filter(Line::dry).toList();
        assertTrue(dry.size() >= 40, "only " + dry.size() + " dry lines");
        DovecotServer.assumeAvailable();
        host1 = DovecotServer.builder().start();
        host2 = DovecotServer.builder().start();
        host1.addUser("u1", P1);
        host2.addUser("u2", P2);
        // Projects/alpha is missing on host2: a dry run plans it as a folder to create, against nothing.
        for (String f : List.of("INBOX", "INBOX", "Sent", "Trash", "Junk", "Drafts", "Archive", "Projects/alpha")) {
            Cli.deliver(host1, "u1", f, f + "-" + System.nanoTime(), Set.of("\\Seen"));
        }
        Stream<DynamicTest> runs = dry.stream().map(l -> DynamicTest.dynamicTest(l.toString(), () -> dryRun(l)));
        return Stream.concat(runs, Stream.of(DynamicTest.dynamicTest("host2 is still empty", () -> {
            Map<String, Integer> target = Cli.folders(host2, "u2", P2);
            assertEquals(0, target.values().stream().mapToInt(Integer::intValue).sum(), target::toString);
        })));
    }

    static void dryRun(Line l) {
        List<String> args = new ArrayList<>(l.args());
        // imapsync's rule that the last occurrence wins puts the test servers in place of the line's own.
        args.addAll(List.of(
                "--host1",
                host1.host(),
                "--port1",
                String.valueOf(host1.port()),
                "--user1",
                "u1",
                "--password1",
                P1,
                "--nossl1",
                "--notls1",
                "--host2",
                host2.host(),
                "--port2",
                String.valueOf(host2.port()),
                "--user2",
                "u2",
                "--password2",
                P2,
                "--nossl2",
                "--notls2",
                "--dry",
                "--nolog",
                "--no-state",
                "--no-progress",
                "--connections",
                "1"));
        Cli.Run run = Cli.run(args.toArray(String[]::new)).assertNeverPrinted(P1, P2);
        assertEquals(0, run.code(), run::toString);
        // --justfolders and the other modes say what they did instead of previewing a copy.
        String verdict = l.args().stream()
                .map(a -> a.replaceFirst("^-+", "--").toLowerCase(Locale.ROOT))
                .filter(a -> a.startsWith("--just"))
                .findFirst()
                .map(mode -> mode + ":")
                .orElse("Dry run: nothing was changed.");
        assertTrue(run.out().contains(verdict), () -> "no '" + verdict + "' in\n" + run);
    }

    static void check(Line l) {
        String[] args = l.args().toArray(String[]::new);
        if (l.expected().startsWith("refused ") || l.expected().startsWith("usage ")) {
            String text = l.expected().substring(l.expected().indexOf(' ') + 1);
            String message;
            try {
                ImapferryCommand.parse(args).toSyncOptions(OptionParsingTest.NO_ENV);
                fail("no usage error: " + l);
                return;
            } catch (UserError e) {
                assertEquals(ExitCode.USAGE, e.exitCode(), l::toString);
                message = e.getMessage();
            } catch (CommandLine.ParameterException e) {
                message = e.getMessage();
            }
            String wanted = l.expected().startsWith("refused ") ? "imapsync's " + text + " is not supported" : text;
            assertTrue(message.contains(wanted), () -> l + "\n  message: " + message);
            Cli.Run run = Cli.run(args);
            assertEquals(64, run.code(), () -> l + "\n" + run);
            run.assertNeverPrinted(P1, P2);
            return;
        }
        ImapferryCommand c = ImapferryCommand.parse(args);
        for (String check : l.expected().split(" && ")) {
            if (check.startsWith("notice ")) {
                c.toSyncOptions(OptionParsingTest.NO_ENV);
                String text = check.substring(7);
                assertTrue(c.notices.stream().anyMatch(n -> n.startsWith(text)), () -> l + "\n  notices: " + c.notices);
                continue;
            }
            int eq = check.indexOf('=');
            Function<ImapferryCommand, Object> key = KEYS.get(check.substring(0, eq));
            assertNotNull(key, () -> "unknown key in " + l);
            assertEquals(check.substring(eq + 1), text(key.apply(c)), l::toString);
        }
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(ImapsyncCommandLinesTest::text).collect(Collectors.joining(" ; "));
        }
        return value instanceof Pattern p ? p.pattern() : String.valueOf(value);
    }

    static List<Line> lines() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = ImapsyncCommandLinesTest.class.getResourceAsStream("imapsync-command-lines.txt")) {
            assertNotNull(in, "imapsync-command-lines.txt is missing");
            String[] text = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < text.length; i++) {
                String line = text[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean dry = line.startsWith("dry ");
                int arrow = line.lastIndexOf(" => ");
                assertTrue(arrow > 0, "no ' => ' on line " + (i + 1));
                List<String> words = ShellWords.split(line.substring(dry ? 4 : 0, arrow));
                assertEquals("imapsync", words.get(0), "line " + (i + 1));
                List<String> args = new ArrayList<>();
                for (String w : words.subList(1, words.size())) {
                    if (w.equals("...")) {
                        args.addAll(BASE);
                    } else {
                        args.add(w);
                    }
                }
                lines.add(new Line(i + 1, dry, args, line.substring(arrow + 4).strip()));
            }
        }
        return lines;
    }

    /** The words a POSIX shell makes of a command line: quotes and backslashes, no expansions. */
    static final class ShellWords {
        private ShellWords() {}

        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder w = null;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c)) {
                    if (w != null) {
                        words.add(w.toString());
                        w = null;
                    }
                    continue;
                }
                w = w == null ? new StringBuilder() : w;
                if (c == '\'') {
                    int end = line.indexOf('\'', i + 1);
                    w.append(line, i + 1, end);
                    i = end;
                } else if (c == '"') {
                    for (i++; line.charAt(i) != '"'; i++) {
                        // Inside double quotes a backslash quotes only $ ` " \ (POSIX 2.2.3).
                        if (line.charAt(i) == '\\' && "$`\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                            i++;
                        }
                        w.append(line.charAt(i));
                    }
                } else if (c == '\\' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            }
            if (w != null) {
                words.add(w.toString());
            }
            return words;
        }
    }
}
