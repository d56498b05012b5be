package org.imapferry.protocol.response;

/** The condition of a status response (RFC 3501 §7.1). */
public enum Status {
    OK,
    NO,
    BAD,
    PREAUTH,
    BYE
}
