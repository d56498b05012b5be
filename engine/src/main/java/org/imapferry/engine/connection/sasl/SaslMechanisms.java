package org.imapferry.engine.connection.sasl;

import java.util.Locale;
import java.util.Optional;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.Secret;

/** Picks how to log in, from what the user asked for and what the server announced. */
public final class SaslMechanisms {
    /** The name that means the LOGIN command (RFC 3501 §6.2.3), as imapsync's --authmech LOGIN does. */
    public static final String LOGIN_COMMAND = "LOGIN";

    private SaslMechanisms() {}

    /**
     * The mechanism to AUTHENTICATE with, or empty for the LOGIN command. In order:
     * the mechanism the user named; OAuth (XOAUTH2, then OAUTHBEARER) when a token is given;
     * PLAIN with an authorization identity when an administrator identity is given; PLAIN when
     * offered (it carries any UTF-8 password unquoted); the LOGIN command.
     *
     * @param caps the capabilities announced after TLS is in place (they may change, RFC 3501 §6.2.1)
     * @throws SaslException when no way fits, naming what the user asked and what the server offers
     */
    public static Optional<SaslMechanism> choose(Capabilities caps, Endpoint endpoint) {
        String named = endpoint.authMechanism();
        if (named != null && !named.isBlank()) {
            return chooseNamed(named.trim().toUpperCase(Locale.ROOT), caps, endpoint);
        }
        if (endpoint.oauthToken() != null) {
            if (caps.hasAuth("XOAUTH2")) {
                return Optional.of(create("XOAUTH2", endpoint));
            }
            if (caps.hasAuth("OAUTHBEARER")) {
                return Optional.of(create("OAUTHBEARER", endpoint));
            }
            throw new SaslException("an OAuth token was given but " + endpoint.host()
                    + " offers neither AUTH=XOAUTH2 nor AUTH=OAUTHBEARER (it offers " + offered(caps) + ")");
        }
        if (endpoint.authUser() != null) {
            if (!caps.hasAuth("PLAIN")) {
                throw new SaslException("logging in as " + endpoint.authUser() + " on behalf of " + endpoint.user()
                        + " needs AUTH=PLAIN, which " + endpoint.host() + " does not offer (it offers "
                        + offered(caps) + ")");
            }
            return Optional.of(create("PLAIN", endpoint));
        }
        if (caps.hasAuth("PLAIN")) {
            return Optional.of(create("PLAIN", endpoint));
        }
        if (caps.has(Capability.LOGINDISABLED)) {
            throw new SaslException(endpoint.host() + " announces LOGINDISABLED and offers no usable mechanism ("
                    + offered(caps) + "); connect with TLS (--ssl or --tls)");
        }
        requirePassword(endpoint, LOGIN_COMMAND);
        return Optional.empty();
    }

    private static Optional<SaslMechanism> chooseNamed(String named, Capabilities caps, Endpoint endpoint) {
        if (named.equals(LOGIN_COMMAND) && !caps.has(Capability.LOGINDISABLED)) {
            requirePassword(endpoint, LOGIN_COMMAND);
            return Optional.empty();
        }
        if (!caps.hasAuth(named)) {
            String refusal = named.equals(LOGIN_COMMAND)
                    ? " announces LOGINDISABLED and does not offer AUTH=LOGIN"
                    : " does not offer AUTH=" + named;
            throw new SaslException("the authentication mechanism " + named + " was asked for but " + endpoint.host()
                    + refusal + " (it offers " + offered(caps) + ")");
        }
        return Optional.of(create(named, endpoint));
    }

    private static SaslMechanism create(String name, Endpoint endpoint) {
        String user = endpoint.user();
        if (user == null) {
            throw new SaslException(name + " needs a user name for " + endpoint.host());
        }
        return switch (name) {
            case "PLAIN" ->
                endpoint.authUser() == null
                        ? new Plain(null, user, requirePassword(endpoint, name))
                        : new Plain(user, endpoint.authUser(), requirePassword(endpoint, name));
            case "LOGIN" -> new Login(user, requirePassword(endpoint, name));
            case "CRAM-MD5" -> new CramMd5(user, requirePassword(endpoint, name));
            case "XOAUTH2" -> new XOAuth2(user, requireToken(endpoint, name));
            case "OAUTHBEARER" -> new OAuthBearer(user, requireToken(endpoint, name), endpoint.host(), endpoint.port());
            default ->
                throw new SaslException("the authentication mechanism " + name
                        + " is not supported; use PLAIN, LOGIN, CRAM-MD5, XOAUTH2 or OAUTHBEARER");
        };
    }

    private static Secret requirePassword(Endpoint endpoint, String mechanism) {
        if (endpoint.password() == null) {
            throw new SaslException(mechanism + " needs a password for " + endpoint.describe());
        }
        return endpoint.password();
    }

    private static Secret requireToken(Endpoint endpoint, String mechanism) {
        if (endpoint.oauthToken() == null) {
            throw new SaslException(mechanism + " needs an OAuth access token for " + endpoint.describe());
        }
        return endpoint.oauthToken();
    }

    private static String offered(Capabilities caps) {
        var mechanisms = caps.authMechanisms();
        String auth = mechanisms.isEmpty() ? "no AUTH= mechanism" : "AUTH=" + String.join(" AUTH=", mechanisms);
        return caps.has(Capability.LOGINDISABLED) ? auth + ", LOGINDISABLED" : auth + " and the LOGIN command";
    }
}
