package org.imapferry.engine.connection;

import java.util.Locale;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.ResponseCode;

/**
 * A command answered NO or BAD. Carries the server's response code and text (which servers fill
 * with the reason: {@code [OVERQUOTA]}, {@code [TRYCREATE]}, "Suggested Backoff Time"), and the
 * command's name, never its arguments: a LOGIN's arguments hold the password.
 */
public class ImapCommandException extends RuntimeException {
    private final String command;
    private final transient TaggedResponse response;

    public ImapCommandException(String command, TaggedResponse response) {
        super(command + " failed: " + response.status() + describe(response.code()) + " " + response.text());
        this.command = command;
        this.response = response;
    }

    static String describe(ResponseCode code) {
        if (code == null) {
            return "";
        }
        String name = code.getClass().getSimpleName();
        if (code instanceof ResponseCode.Other other) {
            return " [" + other.name() + (other.argument().isEmpty() ? "" : " " + other.argument()) + "]";
        }
        return " [" + name.toUpperCase(Locale.ROOT) + "]";
    }

    public String command() {
        return command;
    }

    public TaggedResponse response() {
        return response;
    }

    public ResponseCode code() {
        return response.code();
    }

    /** The server's text after the code. */
    public String serverText() {
        return response.text();
    }

    public boolean isBad() {
        return response.status() == Status.BAD;
    }

    public boolean hasCode(Class<? extends ResponseCode> type) {
        return type.isInstance(response.code());
    }
}
