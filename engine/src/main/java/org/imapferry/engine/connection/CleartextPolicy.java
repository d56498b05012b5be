package org.imapferry.engine.connection;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Refuses to send credentials over a connection without TLS, unless the other end is this
 * machine (where nothing crosses a network) or the user explicitly allowed it. RFC 3501 §11.2
 * and RFC 8314 ask clients not to send passwords in clear text.
 */
public final class CleartextPolicy {
    /** The command-line option that lifts the refusal. */
    public static final String ALLOW_OPTION = "--allow-cleartext";

    private CleartextPolicy() {}

    /** Credentials would have crossed a network in clear text. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param encrypted whether TLS is in place on the connection about to carry the credentials
     * @throws Refused naming the host and the options that would make it acceptable
     */
    public static void checkCredentialsMayBeSent(Endpoint endpoint, boolean encrypted) {
        checkCredentialsMayBeSent(endpoint, encrypted, isLoopback(endpoint.host()));
    }

    /** As above, with whether the host is this machine already decided. */
    static void checkCredentialsMayBeSent(Endpoint endpoint, boolean encrypted, boolean loopback) {
        if (encrypted || endpoint.allowCleartext() || loopback) {
            return;
        }
        throw new Refused("refusing to send the credentials for " + endpoint.user() + " to " + endpoint.host()
                + " without encryption: use --ssl (implicit TLS) or --tls (STARTTLS), or "
                + ALLOW_OPTION + " if sending them in clear text is really intended");
    }

    /**
     * True when every address the host name stands for is a loopback address (127.0.0.0/8, ::1).
     * A name that does not resolve is not known to be local.
     */
    public static boolean isLoopback(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
