package org.imapferry.protocol.literal;

/**
 * How a literal is announced.
 *
 * <pre>
 * literal = "{" number ["+"] "}" CRLF *CHAR8     (RFC 7888 §3: "+" is non-synchronizing)
 * </pre>
 * A synchronizing literal waits for the server's continuation request before its bytes are sent;
 * a non-synchronizing one does not (LITERAL+, or LITERAL- up to 4096 bytes).
 */
public enum LiteralMode {
    SYNCHRONIZING,
    NON_SYNCHRONIZING
}
