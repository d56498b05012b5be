package org.imapferry.protocol.response;

/**
 * A well-framed response whose grammar could not be parsed. Decoding goes on with the next
 * response; the session decides whether it matters.
 *
 * @param raw    the response as received (literals replaced by their {@code {n}} announcement
 *               when they were streamed), Latin-1 decoded and truncated to a readable size
 * @param reason what was wrong, and where
 */
public record MalformedResponse(String raw, String reason) implements ImapResponse {}
