package org.imapferry.engine.probe;

/**
 * The folder the user named with {@code --folder} cannot be examined on the account. A probe told
 * what to read does not fall back to another folder: its read figures would describe a folder the
 * user did not ask about. Thrown before any phase runs, so nothing was measured or written.
 */
public final class ReadFolderMissing extends RuntimeException {
    private final String folder;

    ReadFolderMissing(String account, String folder, String answer) {
        super(account + " has no folder \"" + folder + "\" to read: " + answer);
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
