package org.imapferry.engine.probe;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.ResponseCode;

/** Tells a server that says "slow down" from one that says "no". */
final class ThrottleSignal {
    private static final Pattern SUGGESTED = Pattern.compile("suggested backoff time:?\\s*(\\d+)\\s*(milli)?",
            Pattern.CASE_INSENSITIVE);

    private ThrottleSignal() {
    }

    /** A refused command or a lost connection, as a throttling limit if it is one. */
    static Optional<Limit.Throttled> of(ProbePhase phase, Throwable failure, UntaggedStatus bye) {
        if (bye != null && (busy(bye.code()) || busy(bye.text()))) {
            return Optional.of(new Limit.Throttled(phase, "BYE " + codeText(bye.code()) + bye.text(),
                    suggested(bye.text())));
        }
        if (failure instanceof ImapCommandException refused
                && (busy(refused.code()) || busy(refused.serverText()))) {
            return Optional.of(new Limit.Throttled(phase, refused.getMessage(), suggested(refused.serverText())));
        }
        String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
        if (message.contains("BYE") && busy(message)) {
            return Optional.of(new Limit.Throttled(phase, message, suggested(message)));
        }
        return Optional.empty();
    }

    static boolean busy(ResponseCode code) {
        return code instanceof ResponseCode.Throttled || code instanceof ResponseCode.Limit
                || code instanceof ResponseCode.Unavailable;
    }

    static boolean busy(String text) {
        String upper = text == null ? "" : text.toUpperCase(Locale.ROOT);
        return upper.contains("THROTTLED") || upper.contains("[LIMIT]") || upper.contains("[UNAVAILABLE]")
                || SUGGESTED.matcher(upper).find();
    }

    /** Office 365 says "Suggested Backoff Time: 5000 milliseconds"; without a unit, seconds. */
    static Duration suggested(String text) {
        Matcher m = SUGGESTED.matcher(text == null ? "" : text);
        if (!m.find()) {
            return null;
        }
        long value = Long.parseLong(m.group(1));
        return m.group(2) != null ? Duration.ofMillis(value) : Duration.ofSeconds(value);
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
