package org.imapferry.protocol.command;

/**
 * A command the client sends, without its tag (the pipeline assigns tags; see {@link TaggedCommand}).
 * {@link ImapCommands} has the factories.
 *
 * <pre>command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF</pre>
 * (RFC 3501 §9)
 */
public sealed interface ImapCommand
        permits Capability,
                Noop,
                Logout,
                StartTls,
                Login,
                Authenticate,
                Enable,
                Id,
                Compress,
                Namespace,
                ListMailboxes,
                Lsub,
                Subscribe,
                Unsubscribe,
                Create,
                Delete,
                Rename,
                Select,
                Status,
                UidSearch,
                UidFetch,
                UidStore,
                UidExpunge,
                UidCopy,
                Expunge,
                Close,
                Unselect,
                Idle,
                Notify,
                Append {
    /** The command name as sent ("UID FETCH", "APPEND"). */
    String name();
}
