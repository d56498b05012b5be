package org.imapferry.protocol.response;

/** <pre>mailbox-data =/ number SP "RECENT"</pre> */
public record RecentData(long count) implements ImapResponse {}
