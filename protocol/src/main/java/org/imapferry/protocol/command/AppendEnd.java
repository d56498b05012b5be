package org.imapferry.protocol.command;

/** The CRLF that ends an APPEND command after its last message. */
public record AppendEnd() implements CommandPart {}
