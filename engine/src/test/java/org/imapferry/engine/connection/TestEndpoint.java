package org.imapferry.engine.connection;

import java.nio.file.Path;
import java.time.Duration;
import org.imapferry.protocol.types.Secret;

/** Builds {@link Endpoint}s for tests: plain, no compression, 10 s timeout unless told otherwise. */
final class TestEndpoint {
    private final String host;
    private final int port;
    private Endpoint.Security security = Endpoint.Security.PLAIN;
    private String user;
    private Secret password;
    private String authMechanism;
    private String authUser;
    private Secret oauthToken;
    private Path trustFile;
    private boolean verifyCertificates = true;
    private boolean allowCleartext;
    private Boolean compress = false;
    private Duration timeout = Duration.ofSeconds(10);
    private boolean trace;

    private TestEndpoint(String host, int port) {
        this.host = host;
        this.port = port;
    }

    static TestEndpoint at(String host, int port) {
        return new TestEndpoint(host, port);
    }

    TestEndpoint login(String user, String password) {
        this.user = user;
        this.password = password == null ? null : Secret.of(password);
        return this;
    }

    TestEndpoint security(Endpoint.Security security) {
        this.security = security;
        return this;
    }

    TestEndpoint mechanism(String authMechanism) {
        this.authMechanism = authMechanism;
        return this;
    }

    TestEndpoint authUser(String authUser) {
        this.authUser = authUser;
        return this;
    }

    TestEndpoint oauthToken(String token) {
        this.oauthToken = Secret.of(token);
        return this;
    }

    TestEndpoint trustFile(Path trustFile) {
        this.trustFile = trustFile;
        return this;
    }

    TestEndpoint insecure() {
        this.verifyCertificates = false;
        return this;
    }

    TestEndpoint allowCleartext() {
        this.allowCleartext = true;
        return this;
    }

    TestEndpoint compress(boolean compress) {
        this.compress = compress;
        return this;
    }

    TestEndpoint timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    TestEndpoint trace() {
        this.trace = true;
        return this;
    }

    Endpoint build() {
        return new Endpoint(
                host,
                port,
                security,
                user,
                password,
                authMechanism,
                authUser,
                oauthToken,
                trustFile,
                verifyCertificates,
                allowCleartext,
                compress,
                timeout,
                trace);
    }
}
