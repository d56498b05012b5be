package org.imapferry.engine.connection;

/**
 * The server did not greet as an IMAP server (RFC 3501 §7.1: the first response is an untagged
 * OK, PREAUTH or BYE): it said nothing within the timeout, closed the connection, or said
 * something else. The message says what it sent, cleaned of control characters and cut short.
 */
public class NoImapGreetingException extends ConnectionFailedException {
    private final String sent;

    public NoImapGreetingException(String message, String sent, Throwable cause) {
        super(message, cause);
        this.sent = sent;
    }

    /** What the server sent, printable and truncated; empty when it sent nothing. */
    public String sent() {
        return sent;
    }
}
