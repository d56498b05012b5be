package org.imapferry.engine.state;

import java.nio.file.Path;

/** Another run holds the lock of this account pair or state file; nothing was done. */
public final class AccountLocked extends StateException {
    private final Path file;
    private final AccountLock.Holder holder;

    public AccountLocked(Path file, AccountLock.Holder holder) {
        super(
                "another imapferry run holds " + file + " ("
                        + (holder == null ? "its holder is not written in it" : holder.describe())
                        + "): it migrates the same account pair or uses the same state file",
                null);
        this.file = file;
        this.holder = holder;
    }

    public Path file() {
        return file;
    }

    /** The other run, or null when the lock file does not say. */
    public AccountLock.Holder holder() {
        return holder;
    }
}
