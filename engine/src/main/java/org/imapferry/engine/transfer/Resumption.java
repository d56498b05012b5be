package org.imapferry.engine.transfer;

/**
 * Where an attempt at a folder stopped by a lost connection left off: the UIDVALIDITYs its UID
 * pairs were recorded under. The next attempt in the same run trusts those pairs when both
 * folders still have them, and matches only the rest by their keys (the APPENDs in flight when
 * the connection dropped, whose answers never came).
 */
public record Resumption(long sourceUidValidity, long targetUidValidity) {}
