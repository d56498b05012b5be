package org.imapferry.engine.connection;

import org.imapferry.protocol.response.TaggedResponse;

/**
 * The server completed a command no one is waiting for: a tag never sent, or one already
 * answered. RFC 3501 §2.2.2 ties each completion to the command sent with its tag, so after this
 * the two ends no longer agree on what was asked, and the connection cannot be trusted further.
 */
public final class UnexpectedTagException extends RuntimeException {
    public UnexpectedTagException(TaggedResponse response) {
        super("the server answered tag " + response.tag().value() + ", which no command is waiting for: "
                + response.tag().value() + " " + response.status() + ImapCommandException.describe(response.code())
                + " " + response.text());
    }
}
