package org.imapferry.engine.verify;

import java.util.Set;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;

/**
 * What verification compares of one message: a SHA-256 of its exact bytes, computed as they
 * stream past, its flags (without {@code \Recent}), its INTERNALDATE, and its identity key so a
 * message whose bytes differ can still be paired with its counterpart.
 */
public record Fingerprint(
        long uid,
        String sha256,
        long size,
        Set<Flag> flags,
        ImapDateTime internalDate,
        MessageKey key,
        String subject) {
    /** The digest as a key, for multiset matching by content. */
    public MessageKey contentKey() {
        return MessageKey.ofText(sha256, true);
    }
}
