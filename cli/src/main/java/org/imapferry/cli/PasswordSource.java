package org.imapferry.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.imapferry.protocol.types.Secret;

/**
 * Where a password comes from, in imapsync's order: {@code --passwordN}, then
 * {@code --passfileN} (its first line), then the environment ({@code IMAPFERRY_PASSWORDN}, then
 * imapsync's {@code IMAPSYNC_PASSWORDN}), then a prompt when there is a terminal. The value is
 * wrapped in a {@link Secret} at once and never printed.
 */
public final class PasswordSource {
    private final Map<String, String> env;
    private final Supplier<Console> console;

    public PasswordSource(Map<String, String> env, Supplier<Console> console) {
        this.env = env;
        this.console = console;
    }

    public static PasswordSource system() {
        return new PasswordSource(System.getenv(), System::console);
    }

    /**
     * @param n        1 for the source account, 2 for the target
     * @param required false when the run does not log in (--justconnect) or a token is used
     * @return the password, or null when none is needed and none was given
     */
    public Secret resolve(int n, String user, String password, Path passfile, boolean required) {
        if (password != null) {
            return Secret.of(password);
        }
        if (passfile != null) {
            return Secret.of(readPassfile(n, passfile));
        }
        for (String name : List.of("IMAPFERRY_PASSWORD" + n, "IMAPSYNC_PASSWORD" + n)) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return Secret.of(value);
            }
        }
        if (!required) {
            return null;
        }
        Console c = console.get();
        if (c != null) {
            char[] typed = c.readPassword("Password for user%d %s: ", n, user == null ? "" : user);
            if (typed != null && typed.length > 0) {
                return Secret.of(new String(typed));
            }
        }
        throw UserError.usage("no password for user" + n + ": give --password" + n + ", --passfile" + n
                + " or IMAPFERRY_PASSWORD" + n + " (or --oauthaccesstoken" + n + ")");
    }

    static String readPassfile(int n, Path passfile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(passfile, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            throw new UserError(ExitCode.NO_INPUT, "cannot read --passfile" + n + " " + passfile + ": " + describe(e));
        }
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new UserError(
                    ExitCode.NO_INPUT,
                    "--passfile" + n + " " + passfile + " is empty: its first line must be the password");
        }
        return lines.get(0);
    }

    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
