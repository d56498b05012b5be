package org.imapferry.engine.connection;

import java.nio.file.Path;
import java.time.Duration;
import org.imapferry.protocol.types.Secret;

/**
 * Where and as whom to log in.
 *
 * @param authMechanism   LOGIN, PLAIN, LOGIN, CRAM-MD5, XOAUTH2, OAUTHBEARER; null to choose from
 *                        the server's capabilities
 * @param authUser        an administrator's identity for PLAIN with an authorization identity
 *                        (imapsync's --authuser), or null
 * @param oauthToken      an OAuth access token, or null
 * @param trustFile       a PEM file of CA certificates or the server's certificate to trust in
 *                        addition to the system store, or null
 * @param verifyCertificates false only when the user explicitly opted out
 * @param allowCleartext  allow a password over an unencrypted connection to a non-loopback host
 * @param compress        COMPRESS=DEFLATE when offered; null means "on for non-loopback hosts"
 * @param trace           log the IMAP conversation, credentials redacted and bodies elided
 */
public record Endpoint(
        String host,
        int port,
        Security security,
        String user,
        Secret password,
        String authMechanism,
        String authUser,
        Secret oauthToken,
        Path trustFile,
        boolean verifyCertificates,
        boolean allowCleartext,
        Boolean compress,
        Duration timeout,
        boolean trace) {

    /** How the connection is protected. */
    public enum Security {
        /** Implicit TLS from the first byte (port 993). */
        TLS,
        /** STARTTLS, required: fail if the server does not offer it. */
        STARTTLS,
        /** STARTTLS when offered, plain otherwise (imapsync's default on port 143). */
        STARTTLS_IF_OFFERED,
        /** No TLS at all. */
        PLAIN
    }

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(120);
        }
    }

    /** A plain-text endpoint with LOGIN chosen automatically, for tests and the demo. */
    public static Endpoint plain(String host, int port, String user, Secret password) {
        return plain(host, port, user, password, Duration.ofSeconds(60));
    }

    /** The same with its own timeout: a test of a silent server waits seconds, not a minute. */
    public static Endpoint plain(String host, int port, String user, Secret password, Duration timeout) {
        return new Endpoint(
                host, port, Security.PLAIN, user, password, null, null, null, null, true, false, false, timeout, false);
    }

    /** "user@host:port", the way errors name an account; never the password. */
    public String describe() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return describe() + " (" + security + ")";
    }
}
