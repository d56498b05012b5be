package org.imapferry.engine.state;

/**
 * What the last run saw of a folder pair, from STATUS on both sides (RFC 3501 §6.3.10, RFC 7162
 * §3.1.2 for HIGHESTMODSEQ, 0 where the server has no CONDSTORE).
 *
 * @param selection the {@link SelectionFingerprint#text()} that run selected with, or null where
 *                  it is unknown
 */
public record FolderState(MailboxStatus source, MailboxStatus target, long highestSourceUid, String selection) {}
