package org.imapferry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imapferry.protocol.types.Secret;

/**
 * A batch file in imapsync's loop-file form, one account pair a line:
 * <pre>
 * # host1;user1;password1;host2;user2;password2[;extra options...]
 * mail.old.example;alice;secret1;mail.new.example;alice@new.example;secret2
 * mail.old.example;bob;s2;mail.new.example;bob;s3;--exclude Spam|Trash;--folder INBOX
 * </pre>
 * Blank lines and lines starting with {@code #} are skipped; a trailing {@code ;} is allowed.
 * Each extra column holds imapferry options, split at spaces, with {@code '...'} or {@code "..."}
 * quoting. An empty password column means "from the options of the column or the batch command"
 * (e.g. --passfile1).
 */
public final class AccountsFile {
    private AccountsFile() {}

    /** One line of the file. Its toString shows no password. */
    public record Account(
            int lineNumber,
            String line,
            String host1,
            String user1,
            Secret password1,
            String host2,
            String user2,
            Secret password2,
            List<String> extraArgs) {
        public String describe() {
            return "line " + lineNumber + " " + user1 + "@" + host1 + " -> " + user2 + "@" + host2;
        }

        @Override
        public String toString() {
            return describe() + (extraArgs.isEmpty() ? "" : " " + extraArgs);
        }
    }

    public static List<Account> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw new UserError(
                    ExitCode.NO_INPUT, "cannot read the accounts file " + file + ": " + PasswordSource.describe(e));
        }
        return parse(lines);
    }

    public static List<Account> parse(List<String> lines) {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (i == 0 && trimmed.startsWith("\uFEFF")) {
                trimmed = trimmed.substring(1);
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            accounts.add(parseLine(i + 1, trimmed));
        }
        return accounts;
    }

    static Account parseLine(int number, String line) {
        String[] cols = line.split(";", -1);
        List<String> columns = new ArrayList<>(List.of(cols));
        while (columns.size() > 6 && columns.get(columns.size() - 1).isBlank()) {
            columns.remove(columns.size() - 1); // trailing ';'
        }
        if (columns.size() < 6) {
            throw UserError.usage("accounts file line " + number + " has " + columns.size()
                    + " columns; it needs host1;user1;password1;host2;user2;password2");
        }
        String host1 = columns.get(0).strip();
        String user1 = columns.get(1).strip();
        String host2 = columns.get(3).strip();
        String user2 = columns.get(4).strip();
        if (host1.isEmpty() || user1.isEmpty() || host2.isEmpty() || user2.isEmpty()) {
            throw UserError.usage("accounts file line " + number + ": host1, user1, host2 and user2 must not be empty");
        }
        List<String> extra = new ArrayList<>();
        for (int c = 6; c < columns.size(); c++) {
            extra.addAll(split(number, columns.get(c)));
        }
        return new Account(
                number,
                line,
                host1,
                user1,
                secret(columns.get(2)),
                host2,
                user2,
                secret(columns.get(5)),
                List.copyOf(extra));
    }

    private static Secret secret(String column) {
        return column.isEmpty() ? null : Secret.of(column);
    }

    /** Splits a column at whitespace, honouring '...' and "..." quoting. */
    static List<String> split(int number, String column) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char ch : column.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw UserError.usage("accounts file line " + number + ": unclosed quote in '" + column + "'");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
