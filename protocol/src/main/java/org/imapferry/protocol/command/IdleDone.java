package org.imapferry.protocol.command;

/** <pre>idle = "IDLE" CRLF "DONE"</pre>  (RFC 2177 §3): the DONE line. */
public record IdleDone() implements CommandPart {}
