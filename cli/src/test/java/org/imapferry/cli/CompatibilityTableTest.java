package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.cli.ImapsyncCompatibility.Hidden;
import org.imapferry.cli.ImapsyncCompatibility.Ignored;
import org.imapferry.cli.ImapsyncCompatibility.Unsupported;
import org.imapferry.engine.SyncOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The README's table of imapsync's options against the command's model, both ways. */
class CompatibilityTableTest {
    /** One option of a row: {@code --[no]X} rows give two. */
    record Entry(String option, String status, String note) {}

    static final Pattern ROW =
            Pattern.compile("^\\| `(--(?:\\[no])?[\\w-]+)` \\| (supported|ignored|refused) \\| " + "(.*) \\|$");

    static List<Entry> table;
    static Set<String> own;
    static CommandSpec spec;
    static Map<String, List<ImapsyncArguments.Spelling>> spellings;

    @BeforeAll
    static void readTheReadme() throws IOException {
        Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf("### imapsync compatibility");
        assertTrue(start > 0, "no '### imapsync compatibility' section in " + readme);
        table = new ArrayList<>();
        own = new HashSet<>();
        boolean ownList = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("### ")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String name = row.group(1);
                if (name.startsWith("--[no]")) {
                    table.add(new Entry("--" + name.substring(6), row.group(2), row.group(3)));
                    table.add(new Entry("--no" + name.substring(6), row.group(2), row.group(3)));
                } else {
                    table.add(new Entry(name, row.group(2), row.group(3)));
                }
            } else if (line.startsWith("| `")) {
                fail("a row of the table cannot be read: " + line);
            }
            ownList |= line.startsWith("imapferry's own options, not in imapsync:");
            if (ownList) {
                Matcher m = Pattern.compile("`(--[\\w-]+)`").matcher(line);
                while (m.find()) {
                    own.add(m.group(1));
                }
            }
        }
        assertTrue(table.size() > 200, "only " + table.size() + " options read from the table");
        spec = Main.commandLine().getCommandSpec();
        spellings = ImapsyncArguments.spellings(spec);
    }

    static OptionSpec option(String name) {
        List<ImapsyncArguments.Spelling> s = spellings.get(name.substring(2).toLowerCase(Locale.ROOT));
        return s == null ? null : s.get(0).option();
    }

    static Hidden hidden(String name) {
        return ImapsyncCompatibility.all().stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
    }

    @Test
    void everyOptionInTheTableHasItsStatusInTheCommand() {
        for (Entry e : table) {
            OptionSpec o = option(e.option());
            assertNotNull(o, e.option() + " is in the table but not an option of the command");
            Hidden h = hidden(e.option());
            switch (e.status()) {
                case "supported" -> {
                    assertFalse(o.hidden(), e + ": hidden in the command");
                    assertNull(h, e + ": listed in ImapsyncCompatibility");
                }
                case "ignored" -> {
                    assertTrue(h instanceof Ignored, e + ": not an ignored option in ImapsyncCompatibility");
                    assertEquals(h.reason(), e.note(), e.option());
                }
                case "refused" -> {
                    assertTrue(h instanceof Unsupported, e + ": not a refused option in ImapsyncCompatibility");
                    assertEquals(h.reason(), e.note(), e.option());
                }
                default -> fail("unknown status " + e);
            }
        }
    }

    @Test
    void everyOptionOfTheCommandIsInTheTableOrImapferrysOwn() {
        Set<String> listed = new HashSet<>();
        table.forEach(e -> listed.add(e.option().toLowerCase(Locale.ROOT)));
        for (OptionSpec o : spec.options()) {
            for (String name : o.names()) {
                if (!name.startsWith("--")) {
                    continue; // -h, -V: the short forms of --help and --version
                }
                assertTrue(
                        listed.contains(name.toLowerCase(Locale.ROOT)) || !o.hidden() && own.contains(name),
                        name + " is neither in the compatibility table nor among imapferry's own options");
                if (o.negatable()) {
                    String negated = spec.negatableOptionTransformer()
                            .makeNegative(name, spec)
                            .replace("no-", "no");
                    assertTrue(
                            listed.contains(negated.toLowerCase(Locale.ROOT)),
                            negated + " (the negation of " + name + ") is not in the table");
                }
            }
        }
        for (Hidden h : ImapsyncCompatibility.all()) {
            assertTrue(listed.contains(h.name().toLowerCase(Locale.ROOT)), h.name() + " is not in the table");
        }
    }

    @Test
    void refusedOptionsAreRefusedWithTheirReason() {
        for (Entry e : table) {
            if (e.status().equals("refused")) {
                UserError error = assertThrows(UserError.class, () -> OptionParsingTest.options(args(e)), e::toString);
                assertEquals(ExitCode.USAGE, error.exitCode());
                assertTrue(error.getMessage().contains(e.note()), error.getMessage());
            }
        }
    }

    @Test
    void ignoredOptionsAreNamedAndChangeNothing() {
        SyncOptions without = ImapferryCommand.parse(OptionParsingTest.base()).toSyncOptions(OptionParsingTest.NO_ENV);
        for (Entry e : table) {
            if (e.status().equals("ignored")) {
                ImapferryCommand c = ImapferryCommand.parse(OptionParsingTest.base(args(e)));
                assertEquals(without, c.toSyncOptions(OptionParsingTest.NO_ENV), e::toString);
                assertEquals(List.of(e.option() + ": accepted and ignored: " + e.note()), c.notices, e::toString);
            }
        }
    }

    private static String[] args(Entry e) {
        Hidden h = hidden(e.option());
        return h != null && h.takesValue() ? new String[] {e.option(), "1"} : new String[] {e.option()};
    }
}
