package org.imapferry.engine.connection.sasl;

import org.imapferry.protocol.types.Secret;

/**
 * Google's and Microsoft's XOAUTH2: {@code user=U ^A auth=Bearer T ^A ^A}
 * (https://developers.google.com/gmail/imap/xoauth2-protocol). When the token is refused the
 * server sends a base64 JSON error as a challenge, and the client must answer with an empty line
 * to receive the tagged NO.
 */
public final class XOAuth2 extends BearerToken {
    public XOAuth2(String user, Secret token) {
        super(user, token);
    }

    @Override
    public String name() {
        return "XOAUTH2";
    }

    @Override
    String message() {
        return "user=" + user + "\u0001auth=Bearer " + token.reveal() + "\u0001\u0001";
    }

    @Override
    Secret errorAcknowledgement() {
        return Secret.of("");
    }
}
