package org.imapferry.protocol.response;

import org.imapferry.protocol.types.ResponseCode;

/**
 * An untagged OK, NO, BAD, PREAUTH or BYE: the greeting, a response code such as
 * {@code [UIDVALIDITY 1]} during SELECT, an alert, or the server closing the connection.
 *
 * <pre>
 * resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
 * resp-cond-auth  = ("OK" / "PREAUTH") SP resp-text
 * resp-cond-bye   = "BYE" SP resp-text
 * </pre>
 * (RFC 3501 §9)
 *
 * @param code the bracketed code, or null
 */
public record UntaggedStatus(Status status, ResponseCode code, String text) implements ImapResponse {}
