package org.imapferry.protocol.command;

import org.imapferry.protocol.types.Secret;

/**
 * <pre>login = "LOGIN" SP userid SP password</pre>  (RFC 3501 §9); both are astrings.
 * The password is a {@link Secret}, so printing the command never shows it.
 */
public record Login(String user, Secret password) implements ImapCommand {
    @Override
    public String name() {
        return "LOGIN";
    }
}
