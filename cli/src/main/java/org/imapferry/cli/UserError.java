package org.imapferry.cli;

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

    public ExitCode exitCode() {
        return exitCode;
    }
}
