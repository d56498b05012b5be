package org.imapferry.protocol.response;

/**
 * Well-formed untagged data this client has no use for ({@code * SORT ...}, {@code * QUOTA ...},
 * {@code * MYRIGHTS ...}): kept as the raw line so a session can ignore it deliberately.
 */
public record UnknownData(String keyword, String raw) implements ImapResponse {}
