package org.imapferry.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.imapferry.engine.SyncReport;
import org.imapferry.engine.folder.FolderCollisionException;

/**
 * imapsync's exit codes (same numbers, same names), so scripts written for imapsync keep working.
 * One deliberate difference: a run stopped by {@code --errorsmax} exits with
 * {@link #WITH_ERRORS_MAX} (112, which imapsync defines but never returns), so "finished with some
 * errors" and "stopped after too many errors" can be told apart.
 */
public enum ExitCode {
    OK(0, "EX_OK", "the sync is complete"),
    CATCH_ALL(1, "CATCH_ALL", "an unexpected failure"),
    BY_SIGNAL(6, "EXIT_BY_SIGNAL", "stopped by a signal (Ctrl-C)"),
    PID_FILE_ERROR(8, "EXIT_PID_FILE_ERROR", "another run holds the lock of this account pair or state file"),
    CONNECTION_FAILURE(10, "EXIT_CONNECTION_FAILURE", "a connection failed"),
    TLS_FAILURE(12, "EXIT_TLS_FAILURE", "TLS failed (handshake or certificate)"),
    AUTHENTICATION_FAILURE(16, "EXIT_AUTHENTICATION_FAILURE", "authentication failed"),
    USAGE(64, "EX_USAGE", "bad usage: an unknown, unsupported or invalid option"),
    NO_INPUT(
            66,
            "EX_NOINPUT",
            "an input file (passfile, accounts file, token file, state file) cannot be read" + " or used"),
    UNAVAILABLE(69, "EX_UNAVAILABLE", "a needed service is unavailable"),
    SOFTWARE(70, "EX_SOFTWARE", "an internal error in imapferry"),
    CONNECTION_FAILURE_HOST1(101, "EXIT_CONNECTION_FAILURE_HOST1", "cannot connect to host1"),
    CONNECTION_FAILURE_HOST2(102, "EXIT_CONNECTION_FAILURE_HOST2", "cannot connect to host2"),
    WITH_ERRORS(111, "EXIT_WITH_ERRORS", "the sync finished with some errors"),
    WITH_ERRORS_MAX(112, "EXIT_WITH_ERRORS_MAX", "the sync was stopped after too many errors (--errorsmax)"),
    OVERQUOTA(113, "EXIT_OVERQUOTA", "finished with errors, mostly host2 over quota"),
    ERR_APPEND(114, "EXIT_ERR_APPEND", "finished with errors, mostly APPEND failures (sizes, rejected messages)"),
    ERR_FETCH(115, "EXIT_ERR_FETCH", "finished with errors, mostly failed transfers from host1"),
    ERR_CREATE(116, "EXIT_ERR_CREATE", "finished with errors, mostly folders that could not be created"),
    ERR_SELECT(117, "EXIT_ERR_SELECT", "finished with errors, mostly folders that could not be selected"),
    TRANSFER_EXCEEDED(118, "EXIT_TRANSFER_EXCEEDED", "stopped after the transfer limit"),
    ERR_FLAGS(120, "EXIT_ERR_FLAGS", "finished with errors, mostly flags that could not be set"),
    VERIFY_DIFFERENCES(
            121,
            "EXIT_VERIFY_DIFFERENCES",
            "verification found differences between host1 and host2" + " (imapferry's own code)"),
    AUTHENTICATION_FAILURE_USER1(161, "EXIT_AUTHENTICATION_FAILURE_USER1", "authentication failed for user1"),
    AUTHENTICATION_FAILURE_USER2(162, "EXIT_AUTHENTICATION_FAILURE_USER2", "authentication failed for user2");

    private final int code;
    private final String imapsyncName;
    private final String meaning;

    ExitCode(int code, String imapsyncName, String meaning) {
        this.code = code;
        this.imapsyncName = imapsyncName;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String imapsyncName() {
        return imapsyncName;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether a run that ended with this code left the accounts in sync. */
    public boolean success() {
        return this == OK;
    }

    /**
     * The exit code of a run.
     * <ul>
     * <li>no error and not aborted: {@link #OK};</li>
     * <li>stopped on request (a signal): {@link #BY_SIGNAL};</li>
     * <li>an account-level failure (connection, TLS, login): its code (101/102, 12, 161/162), as
     *     imapsync;</li>
     * <li>aborted otherwise (errorsmax): {@link #WITH_ERRORS_MAX};</li>
     * <li>finished with errors: the most frequent error type, as imapsync ({@link #WITH_ERRORS}
     *     when the type has no code of its own).</li>
     * </ul>
     */
    public static ExitCode of(SyncReport report) {
        if (report.complete() && report.failed() == 0) {
            return OK;
        }
        if (report.stopped()) {
            return BY_SIGNAL;
        }
        List<SyncReport.SyncError> errors = report.errors();
        for (SyncReport.SyncError e : errors) {
            ExitCode accountLevel = switch (e.kind()) {
                case AUTHENTICATION_SOURCE -> AUTHENTICATION_FAILURE_USER1;
                case AUTHENTICATION_TARGET -> AUTHENTICATION_FAILURE_USER2;
                case CONNECTION_SOURCE -> CONNECTION_FAILURE_HOST1;
                case CONNECTION_TARGET -> CONNECTION_FAILURE_HOST2;
                case TLS -> TLS_FAILURE;
                default -> null;
            };
            if (accountLevel != null && e.folder() == null) {
                return accountLevel;
            }
        }
        if (report.aborted()) {
            return WITH_ERRORS_MAX;
        }
        return mostFrequent(errors);
    }

    private static ExitCode mostFrequent(List<SyncReport.SyncError> errors) {
        if (errors.isEmpty()) {
            return WITH_ERRORS; // not complete, yet nothing classified (e.g. messages failed without an error)
        }
        Map<ExitCode, Integer> counts = new EnumMap<>(ExitCode.class);
        for (SyncReport.SyncError e : errors) {
            counts.merge(ofKind(e.kind()), 1, Integer::sum);
        }
        ExitCode best = WITH_ERRORS;
        int bestCount = -1;
        for (Map.Entry<ExitCode, Integer> c : counts.entrySet()) { // EnumMap order: ties go to the lower code
            if (c.getValue() > bestCount) {
                best = c.getKey();
                bestCount = c.getValue();
            }
        }
        return best;
    }

    /**
     * The code of a run the engine refused to go on with: a plan that maps two source folders onto
     * one target folder is a usage error (the options made it), anything else an internal error.
     */
    public static ExitCode ofFailure(RuntimeException e) {
        return e instanceof FolderCollisionException ? USAGE : SOFTWARE;
    }

    /** The code of one error type (imapsync's ERR_* to EXIT_* table). */
    public static ExitCode ofKind(SyncReport.Kind kind) {
        return switch (kind) {
            case CONNECTION_SOURCE -> CONNECTION_FAILURE_HOST1;
            case CONNECTION_TARGET -> CONNECTION_FAILURE_HOST2;
            case AUTHENTICATION_SOURCE -> AUTHENTICATION_FAILURE_USER1;
            case AUTHENTICATION_TARGET -> AUTHENTICATION_FAILURE_USER2;
            case TLS -> TLS_FAILURE;
            case FOLDER_NOT_FOUND -> ERR_SELECT;
            case FOLDER_CREATE -> ERR_CREATE;
            case APPEND, TOO_BIG -> ERR_APPEND;
            case OVER_QUOTA -> OVERQUOTA;
            case FLAGS -> ERR_FLAGS;
            case TRANSFER -> ERR_FETCH;
            case FOLDER_DELETE, EXPUNGE, OTHER -> WITH_ERRORS;
        };
    }
}
