package org.imapferry.protocol.response;

import org.imapferry.protocol.types.SequenceSet;

/** <pre>expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids</pre>  (RFC 7162 §3.2.10) */
public record VanishedData(boolean earlier, SequenceSet uids) implements ImapResponse {}
