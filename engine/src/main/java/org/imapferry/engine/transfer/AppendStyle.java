package org.imapferry.engine.transfer;

/**
 * How a relay writes its APPENDs.
 *
 * @param multiappend one APPEND command per FETCH batch (RFC 3502), or one per message
 * @param binary      literal8 {@code ~{n}} (RFC 3516 §4.4), which may carry NUL bytes
 */
record AppendStyle(boolean multiappend, boolean binary) {
    static final AppendStyle SINGLE = new AppendStyle(false, false);
    static final AppendStyle BATCHED = new AppendStyle(true, false);
    static final AppendStyle BINARY = new AppendStyle(false, true);
}
