package org.imapferry.engine.transfer;

import java.util.regex.Pattern;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.protocol.types.ResponseCode;

/**
 * Why a message was not copied. Decisions (retry, back off, create the folder, which error class)
 * are taken on {@link #kind()} and {@link #code()}; {@link #text()} keeps the server's words for
 * the user.
 *
 * @param code the response code of the refusal, or null
 */
record Failure(Kind kind, ResponseCode code, String text) {
    /** The text a server sends for throttling when it has no code for it (Office 365). */
    private static final Pattern THROTTLED_TEXT =
            Pattern.compile("throttled|suggested backoff time", Pattern.CASE_INSENSITIVE);
    /** Servers without RFC 5530's codes say these in words. */
    private static final Pattern QUOTA_TEXT = Pattern.compile("quota", Pattern.CASE_INSENSITIVE);

    private static final Pattern TOO_BIG_TEXT = Pattern.compile("too (big|large)", Pattern.CASE_INSENSITIVE);

    enum Kind {
        /** The target refused the APPEND for a reason of its own. */
        REFUSED,
        /** [OVERQUOTA] (RFC 5530 §3). */
        OVER_QUOTA,
        /** [LIMIT] (RFC 5530 §3), or words saying the message is too big. */
        TOO_BIG,
        /** [THROTTLED], [UNAVAILABLE] (RFC 5530 §3), or a suggested backoff: worth another try later. */
        THROTTLED,
        /** [TRYCREATE] (RFC 3501 §6.3.11): the target folder is gone. */
        TRY_CREATE,
        /** The source announced a body no message of its size can have; nothing was sent. */
        IMPLAUSIBLE_LENGTH,
        /** A connection failed before the target answered. */
        CONNECTION_LOST,
        /** The run was asked to stop before the message was answered. */
        STOPPED
    }

    /** What an APPEND's failure means: a refusal with the server's code and words, or a lost connection. */
    static Failure of(Throwable error) {
        if (error instanceof ImapCommandException refused) {
            return new Failure(kindOf(refused), refused.code(), refused.getMessage());
        }
        return lost(error);
    }

    static Failure lost(Throwable cause) {
        return new Failure(Kind.CONNECTION_LOST, null, "not copied: " + cause.getMessage());
    }

    /** The source's literal for a message is far longer than the message's RFC822.SIZE. */
    static Failure implausibleLength(long announced, long size) {
        return new Failure(
                Kind.IMPLAUSIBLE_LENGTH,
                null,
                "not copied: the source announced a body of " + announced + " bytes for a message of " + size
                        + " bytes (RFC822.SIZE); the message was skipped");
    }

    static Failure stopped() {
        return new Failure(Kind.STOPPED, null, "not copied: the run was stopped");
    }

    /** The same failure, explained with more words before the server's. */
    Failure explained(String why) {
        return new Failure(kind, code, why + text);
    }

    private static Kind kindOf(ImapCommandException refused) {
        ResponseCode code = refused.code();
        if (code instanceof ResponseCode.OverQuota) {
            return Kind.OVER_QUOTA;
        }
        if (code instanceof ResponseCode.Limit) {
            return Kind.TOO_BIG;
        }
        if (code instanceof ResponseCode.Throttled || code instanceof ResponseCode.Unavailable) {
            return Kind.THROTTLED;
        }
        if (code instanceof ResponseCode.TryCreate) {
            return Kind.TRY_CREATE;
        }
        // No code, or one of its own: only the words tell (Office 365's "Request is throttled.
        // Suggested Backoff Time: ...", "Quota exceeded" from servers without RFC 5530).
        String words = refused.serverText() + (code instanceof ResponseCode.Other other ? " " + other.name() : "");
        if (THROTTLED_TEXT.matcher(words).find()) {
            return Kind.THROTTLED;
        }
        if (QUOTA_TEXT.matcher(words).find()) {
            return Kind.OVER_QUOTA;
        }
        return TOO_BIG_TEXT.matcher(words).find() ? Kind.TOO_BIG : Kind.REFUSED;
    }
}
