package org.imapferry.engine.folder;

import org.imapferry.protocol.types.MailboxName;

/** A source folder and the target folder its messages go to. */
public record FolderPair(Folder source, MailboxName target, boolean targetExists) {}
