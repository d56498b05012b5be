package org.imapferry.engine.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imapferry.engine.folder.Folder;
import org.imapferry.engine.folder.FolderPair;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.protocol.types.MailboxName;

/** Slices and folder pairs for tests outside this package. */
public final class TestSlices {
    private TestSlices() {}

    public static FolderPair pair(String name) {
        return new FolderPair(new Folder(MailboxName.of(name), '/', true, false, null), MailboxName.of(name), true);
    }

    public static Slice of(String folder, int messages) {
        List<MessageMeta> list = new ArrayList<>();
        for (int i = 1; i <= messages; i++) {
            list.add(new MessageMeta(i, i, List.of(), null, 100, MessageKey.of(Map.of(), List.of(), 100L, false)));
        }
        return new Slice(pair(folder), list, new FlagFilter(new SelectedFolder(0, 1, 1, 0, null), List.of()), 1);
    }
}
