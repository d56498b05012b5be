package org.imapferry.engine.state;

import java.util.Locale;
import org.imapferry.engine.connection.Endpoint;

/**
 * Which migration a state row belongs to: both servers and both logins, never a password. Host
 * names are compared without case (RFC 4343); user names as given, since servers may tell
 * {@code Alice} from {@code alice}.
 */
public record AccountPair(String host1, int port1, String user1, String host2, int port2, String user2) {
    public static AccountPair of(Endpoint source, Endpoint target) {
        return new AccountPair(
                source.host().toLowerCase(Locale.ROOT),
                source.port(),
                source.user(),
                target.host().toLowerCase(Locale.ROOT),
                target.port(),
                target.user());
    }

    public String describe() {
        return user1 + "@" + host1 + ":" + port1 + " to " + user2 + "@" + host2 + ":" + port2;
    }
}
