package org.imapferry.protocol.response;

import org.imapferry.protocol.types.Capabilities;

/** <pre>capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)</pre> */
public record CapabilityData(Capabilities capabilities) implements ImapResponse {}
