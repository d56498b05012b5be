package org.imapferry.protocol.response;

/** <pre>message-data = nz-number SP "EXPUNGE"</pre> */
public record ExpungeData(long sequenceNumber) implements ImapResponse {}
