package org.imapferry.protocol.response;

/** <pre>mailbox-data =/ number SP "EXISTS"</pre> */
public record ExistsData(long count) implements ImapResponse {}
