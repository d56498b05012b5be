package org.imapferry.engine.folder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imapferry.engine.connection.CommandResult;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.response.ExistsData;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.SequenceSet;

/**
 * --justfoldersizes on a server without STATUS=SIZE (RFC 8438): each folder EXAMINEd and the
 * RFC822.SIZE of its messages summed, as imapsync sizes folders. No body is fetched.
 */
public final class FolderBytes {
    private FolderBytes() {}

    /** The bytes of each folder that could be examined; a folder the server refuses is left out. */
    public static Map<MailboxName, Long> measure(ImapSession session, List<MailboxName> folders) {
        Map<MailboxName, Long> bytes = new HashMap<>();
        for (MailboxName folder : folders) {
            try {
                CommandResult examined = session.run(ImapCommands.examine(folder));
                long exists = examined.all(ExistsData.class).stream()
                        .mapToLong(ExistsData::count)
                        .max()
                        .orElse(0);
                long sum = 0;
                if (exists > 0) {
                    UidFetch sizes = ImapCommands.uidFetch(SequenceSet.all(), "RFC822.SIZE");
                    for (FetchData data : session.run(sizes).all(FetchData.class)) {
                        sum += data.rfc822Size() == null ? 0 : data.rfc822Size();
                    }
                }
                bytes.put(folder, sum);
            } catch (ImapCommandException e) {
                // A folder that does not exist (or cannot be read) has no size: "does not exist" or NA.
            }
        }
        return bytes;
    }
}
