package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.imapferry.engine.connection.BackoffHint;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.ResponseCode;

/** Tells a server that says "slow down" from one that says "no". */
final class ThrottleSignal {
    private ThrottleSignal() {}

    /** A refused command or a lost connection, as a throttling limit if it is one. */
    static Optional<Limit.Throttled> of(ProbePhase phase, Throwable failure, UntaggedStatus bye) {
        if (bye != null && (busy(bye.code()) || busy(bye.text()))) {
            return Optional.of(
                    new Limit.Throttled(phase, "BYE " + codeText(bye.code()) + bye.text(), suggested(bye.text())));
        }
        if (failure instanceof ImapCommandException refused && (busy(refused.code()) || busy(refused.serverText()))) {
            return Optional.of(new Limit.Throttled(phase, refused.getMessage(), suggested(refused.serverText())));
        }
        String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
        if (message.contains("BYE") && busy(message)) {
            return Optional.of(new Limit.Throttled(phase, message, suggested(message)));
        }
        return Optional.empty();
    }

    static boolean busy(ResponseCode code) {
        return code instanceof ResponseCode.Throttled
                || code instanceof ResponseCode.Limit
                || code instanceof ResponseCode.Unavailable;
    }

    static boolean busy(String text) {
        String upper = text == null ? "" : text.toUpperCase(Locale.ROOT);
        return upper.contains("THROTTLED")
                || upper.contains("[LIMIT]")
                || upper.contains("[UNAVAILABLE]")
                || BackoffHint.in(text).isPresent();
    }

    /** The wait the server suggests, or null. */
    static Duration suggested(String text) {
        return BackoffHint.in(text).orElse(null);
    }

    private static String codeText(ResponseCode code) {
        if (code == null) {
            return "";
        }
        if (code instanceof ResponseCode.Other other) {
            return "[" + other.name() + "] ";
        }
        return "[" + code.getClass().getSimpleName().toUpperCase(Locale.ROOT) + "] ";
    }
}
