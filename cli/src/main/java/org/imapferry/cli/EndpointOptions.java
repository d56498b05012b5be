package org.imapferry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.imapferry.engine.connection.Endpoint;
import org.imapferry.engine.connection.Endpoint.Security;
import org.imapferry.engine.connection.sasl.OAuthTokens;
import org.imapferry.protocol.types.Secret;
import picocli.CommandLine.Option;

/**
 * The options of one account, with imapsync's names: {@link Host1} declares them with the suffix
 * 1 (source), {@link Host2} with the suffix 2 (target); both fill the same fields, and
 * {@link #toEndpoint} turns them into an engine {@link Endpoint}.
 */
public abstract class EndpointOptions {
    static final Set<String> MECHANISMS = Set.of("LOGIN", "PLAIN", "CRAM-MD5", "XOAUTH2", "OAUTHBEARER");

    String host;
    Integer port;
    String user;
    String password;
    Path passfile;
    /** --[no]ssl and --[no]tls: null when not given; of each pair the last one wins. */
    Boolean ssl, tls;

    boolean authMd5;
    String authmech;
    String authuser;
    String oauthAccessToken;
    Path caFile;
    boolean insecure;
    Double timeoutSeconds;
    boolean debugImap;
    Boolean compress;

    /** 1 or 2. */
    public abstract int number();

    /**
     * The engine endpoint.
     *
     * @param preset         the provider preset's default host, or null
     * @param allowCleartext --allow-cleartext
     * @param needsLogin     false for --justconnect: no password is asked for
     */
    public Endpoint toEndpoint(PasswordSource passwords, String preset, boolean allowCleartext, boolean needsLogin) {
        int n = number();
        String h = host != null ? host : preset;
        if (h == null || h.isBlank()) {
            throw UserError.usage("--host" + n + " is required (the " + (n == 1 ? "source" : "target") + " server)");
        }
        if (Boolean.TRUE.equals(ssl) && Boolean.TRUE.equals(tls)) {
            throw UserError.usage(
                    "--ssl" + n + " (TLS from the start) and --tls" + n + " (STARTTLS) cannot both be used; pick one");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw UserError.usage("--port" + n + " " + port + " is not a port number (1-65535)");
        }
        Security security = security(ssl, tls, port);
        int p = port != null ? port : (security == Security.TLS ? 993 : 143);
        if (user == null || user.isBlank()) {
            if (needsLogin) {
                throw UserError.usage("--user" + n + " is required");
            }
        }
        String mech = authmech != null ? authmech.toUpperCase(Locale.ROOT) : authMd5 ? "CRAM-MD5" : null;
        if (mech != null && !MECHANISMS.contains(mech)) {
            throw UserError.usage("--authmech" + n + " " + authmech + " is not supported; use one of "
                    + String.join(", ", MECHANISMS.stream().sorted().toList()));
        }
        Secret token = oauthAccessToken == null ? null : Secret.of(readToken(n, oauthAccessToken));
        if (token != null && mech == null) {
            mech = "XOAUTH2";
        }
        if (authuser != null && mech == null) {
            mech = "PLAIN"; // imapsync: an admin login uses PLAIN with an authorization identity
        }
        Secret pw = passwords.resolve(n, user, password, passfile, needsLogin && token == null);
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw UserError.usage("--timeout" + n + " must be a positive number of seconds");
        }
        Duration timeout =
                timeoutSeconds == null ? Duration.ofSeconds(120) : Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        return new Endpoint(
                h,
                p,
                security,
                user,
                pw,
                mech,
                authuser,
                token,
                caFile,
                !insecure,
                allowCleartext,
                compress,
                timeout,
                debugImap);
    }

    /**
     * imapsync's defaults: --ssl or port 993 means TLS from the start; --tls means STARTTLS,
     * required; --nossl and --notls together mean plain; otherwise STARTTLS when offered. With no
     * port and no flag imapsync probes 993 then 143; we do not probe: no flag means 993 and TLS.
     */
    static Security security(Boolean ssl, Boolean tls, Integer port) {
        if (Boolean.TRUE.equals(ssl)) {
            return Security.TLS;
        }
        if (Boolean.TRUE.equals(tls)) {
            return Security.STARTTLS;
        }
        if (ssl == null && (port == null || port == 993)) {
            return Security.TLS;
        }
        return Boolean.FALSE.equals(tls) ? Security.PLAIN : Security.STARTTLS_IF_OFFERED;
    }

    /** --oauthaccesstoken takes a token or the path of a file holding it (as imapsync). */
    static String readToken(int n, String value) {
        Path file;
        try {
            file = Path.of(value);
        } catch (RuntimeException notAPath) {
            return value;
        }
        if (value.length() < 4096 && Files.isRegularFile(file)) {
            try {
                return OAuthTokens.read(file).reveal();
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCode.NO_INPUT, "--oauthaccesstoken" + n + ": " + e.getMessage());
            }
        }
        return value;
    }

    /** Whether the user gave anything at all for this account. */
    boolean isEmpty() {
        return host == null && user == null;
    }

    static final String D_HOST = "IMAP server.";
    static final String D_PORT = "Port (default 993 with TLS, 143 otherwise).";
    static final String D_USER = "User name.";
    static final String D_PASSWORD = "Password. Prefer --passfile or the IMAPFERRY_PASSWORD variable: "
            + "a password on the command line is visible to other users of the machine.";
    static final String D_PASSFILE = "File whose first line is the password.";
    static final String D_SSL = "TLS from the first byte (the default on port 993 or with no port); " + "--nossl: not.";
    static final String D_TLS = "STARTTLS, required (fail if the server does not offer it); --notls: no "
            + "STARTTLS (with --nossl: a plain connection).";
    static final String D_AUTHMECH = "LOGIN, PLAIN, CRAM-MD5, XOAUTH2 or OAUTHBEARER (default: LOGIN, "
            + "PLAIN with --authuser, XOAUTH2 with a token).";
    static final String D_AUTHMD5 = "CRAM-MD5 (imapsync's name for --authmech CRAM-MD5).";
    static final String D_AUTHUSER = "Administrator who logs in on behalf of the user (PLAIN).";
    static final String D_OAUTH = "OAuth2 access token, or a file holding it.";
    static final String D_CAFILE =
            "PEM file of CA certificates (or the server's certificate) to trust " + "besides the system store.";
    static final String D_INSECURE =
            "Do not verify the server's certificate (imapsync's default; " + "imapferry verifies).";
    static final String D_TIMEOUT = "Seconds without an answer before giving up (default 120).";
    static final String D_DEBUG = "Trace the IMAP conversation (credentials redacted, bodies elided).";
    static final String D_COMPRESS = "COMPRESS=DEFLATE when offered (default: on for remote hosts).";

    /** The source account's options (suffix 1). */
    public static final class Host1 extends EndpointOptions {
        @Override
        public int number() {
            return 1;
        }

        @Option(names = "--host1", paramLabel = "HOST", description = D_HOST)
        void host(String v) {
            host = v;
        }

        @Option(names = "--port1", paramLabel = "PORT", description = D_PORT)
        void port(int v) {
            port = v;
        }

        @Option(names = "--user1", paramLabel = "USER", description = D_USER)
        void user(String v) {
            user = v;
        }

        @Option(names = "--password1", paramLabel = "PASSWORD", description = D_PASSWORD)
        void password(String v) {
            password = v;
        }

        @Option(names = "--passfile1", paramLabel = "FILE", description = D_PASSFILE)
        void passfile(Path v) {
            passfile = v;
        }

        @Option(names = "--ssl1", negatable = true, description = D_SSL)
        void ssl(boolean v) {
            ssl = v;
        }

        @Option(names = "--tls1", negatable = true, description = D_TLS)
        void tls(boolean v) {
            tls = v;
        }

        @Option(names = "--authmech1", paramLabel = "MECH", description = D_AUTHMECH)
        void authmech(String v) {
            authmech = v;
        }

        @Option(names = "--authmd51", negatable = true, description = D_AUTHMD5)
        void authMd5(boolean v) {
            authMd5 = v;
        }

        @Option(names = "--authuser1", paramLabel = "ADMIN", description = D_AUTHUSER)
        void authuser(String v) {
            authuser = v;
        }

        @Option(names = "--oauthaccesstoken1", paramLabel = "TOKEN|FILE", description = D_OAUTH)
        void oauth(String v) {
            oauthAccessToken = v;
        }

        @Option(names = "--sslcafile1", paramLabel = "PEM", description = D_CAFILE)
        void caFile(Path v) {
            caFile = v;
        }

        @Option(
                names = {"--insecure1", "--no-verify-certificates1"},
                description = D_INSECURE)
        void insecure(boolean v) {
            insecure = v;
        }

        @Option(names = "--timeout1", paramLabel = "SECONDS", description = D_TIMEOUT)
        void timeout(double v) {
            timeoutSeconds = v;
        }

        @Option(names = "--debugimap1", negatable = true, description = D_DEBUG)
        void debug(boolean v) {
            debugImap = v;
        }

        @Option(names = "--compress1", negatable = true, description = D_COMPRESS)
        void compress(boolean v) {
            compress = v;
        }
    }

    /** The target account's options (suffix 2). */
    public static final class Host2 extends EndpointOptions {
        @Override
        public int number() {
            return 2;
        }

        @Option(names = "--host2", paramLabel = "HOST", description = D_HOST)
        void host(String v) {
            host = v;
        }

        @Option(names = "--port2", paramLabel = "PORT", description = D_PORT)
        void port(int v) {
            port = v;
        }

        @Option(names = "--user2", paramLabel = "USER", description = D_USER)
        void user(String v) {
            user = v;
        }

        @Option(names = "--password2", paramLabel = "PASSWORD", description = D_PASSWORD)
        void password(String v) {
            password = v;
        }

        @Option(names = "--passfile2", paramLabel = "FILE", description = D_PASSFILE)
        void passfile(Path v) {
            passfile = v;
        }

        @Option(names = "--ssl2", negatable = true, description = D_SSL)
        void ssl(boolean v) {
            ssl = v;
        }

        @Option(names = "--tls2", negatable = true, description = D_TLS)
        void tls(boolean v) {
            tls = v;
        }

        @Option(names = "--authmech2", paramLabel = "MECH", description = D_AUTHMECH)
        void authmech(String v) {
            authmech = v;
        }

        @Option(names = "--authmd52", negatable = true, description = D_AUTHMD5)
        void authMd5(boolean v) {
            authMd5 = v;
        }

        @Option(names = "--authuser2", paramLabel = "ADMIN", description = D_AUTHUSER)
        void authuser(String v) {
            authuser = v;
        }

        @Option(names = "--oauthaccesstoken2", paramLabel = "TOKEN|FILE", description = D_OAUTH)
        void oauth(String v) {
            oauthAccessToken = v;
        }

        @Option(names = "--sslcafile2", paramLabel = "PEM", description = D_CAFILE)
        void caFile(Path v) {
            caFile = v;
        }

        @Option(
                names = {"--insecure2", "--no-verify-certificates2"},
                description = D_INSECURE)
        void insecure(boolean v) {
            insecure = v;
        }

        @Option(names = "--timeout2", paramLabel = "SECONDS", description = D_TIMEOUT)
        void timeout(double v) {
            timeoutSeconds = v;
        }

        @Option(names = "--debugimap2", negatable = true, description = D_DEBUG)
        void debug(boolean v) {
            debugImap = v;
        }

        @Option(names = "--compress2", negatable = true, description = D_COMPRESS)
        void compress(boolean v) {
            compress = v;
        }
    }
}
