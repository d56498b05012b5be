package org.imapferry.protocol.response;

/**
 * {@code + text}: the server is ready for a literal or the next step of an exchange.
 *
 * <pre>continue-req = "+" SP (resp-text / base64) CRLF</pre>  (RFC 3501 §9)
 * Some servers send a bare "+" with no space; the text is then empty.
 */
public record ContinuationRequest(String text) implements ImapResponse {}
