package org.imapferry.protocol.grammar;

/**
 * A well-framed response that does not follow the grammar; it becomes a
 * {@link org.imapferry.protocol.response.MalformedResponse}. No stack trace: it is a value, raised
 * for every odd server line, not a bug.
 */
final class GrammarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GrammarException(String message) {
        super(message, null, false, false);
    }
}
