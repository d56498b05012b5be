package org.imapferry.protocol.command;

/**
 * What the encoder accepts besides literal chunks: a tagged command, and the untagged lines a
 * client sends inside a command (the next message of a MULTIAPPEND, the end of an APPEND, a
 * SASL response, the DONE that ends IDLE).
 */
public sealed interface CommandPart permits TaggedCommand, AppendMessage, AppendEnd, SaslResponse, IdleDone {}
