package org.imapferry.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.imapferry.engine.folder.SubstitutionRule;

/**
 * A problem the user can fix (a bad option value, an unreadable file). Printed as one clear
 * line, never with a stack trace, and turned into its exit code.
 */
public final class UserError extends RuntimeException {
    private final ExitCode exitCode;

    public UserError(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static UserError usage(String message) {
        return new UserError(ExitCode.USAGE, message);
    }

    /** Checks a {@code s/from/to/} option value with the engine's own parser. */
    public static void checkSubstitution(String option, String rule) {
        try {
            SubstitutionRule.parse(rule);
        } catch (IllegalArgumentException e) {
            throw usage(option + " " + e.getMessage());
        }
    }

    /** Compiles a plain regex option (--include, --exclude) with a clear error. */
    public static Pattern checkRegex(String option, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw usage(option + " '" + regex + "': bad regular expression: " + e.getDescription() + " near index "
                    + e.getIndex());
        }
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
