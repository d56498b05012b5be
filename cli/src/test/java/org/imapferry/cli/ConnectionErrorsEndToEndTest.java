package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.imapferry.engine.testserver.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection failures through the whole command: the reason in the user's terms in the error
 * list, and imapsync's exit code for it, never "internal error" (70). Host1 fails, so host2 is
 * never contacted.
 */
class ConnectionErrorsEndToEndTest {
    static final String PASSWORD = "Conn-err-secret-3390";

    @TempDir
    Path dir;

    private static Cli.Run run(FakeImapServer host1, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--host1",
                host1.host(),
                "--port1",
                String.valueOf(host1.port()),
                "--user1",
                "alice",
                "--password1",
                PASSWORD,
                "--host2",
                "127.0.0.1",
                "--port2",
                "1",
                "--user2",
                "bob",
                "--password2",
                PASSWORD,
                "--nolog",
                "--no-progress",
                "--no-state"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new)).assertNeverPrinted(PASSWORD);
    }

    private static void assertError(Cli.Run run, int code, String error) {
        assertEquals(code, run.code(), run::toString);
        assertTrue(run.out().contains("Err 1/1: " + error), run::toString);
    }

    @Test
    void sslAgainstAPlainPortIsATlsFailure() {
        try (FakeImapServer host1 = FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1] ready"))) {
            assertError(
                    run(host1, "--ssl1"),
                    12,
                    "TLS: TLS handshake with 127.0.0.1:" + host1.port()
                            + " failed: the server did not answer TLS (it sent \"* OK [CAPABILITY IMAP4rev1] ready\\r\\n\");"
                            + " is port " + host1.port() + " plain IMAP (try --nossl1/--nossl2)?");
        }
    }

    @Test
    void expiredCertificateIsATlsFailureUnlessInsecure() {
        TestCertificates expired =
                TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES, TestCertificates.Validity.expired());
        try (FakeImapServer host1 = FakeImapServer.start(new ImapScript().startTls(expired))) {
            assertError(
                    run(host1, "--ssl1", "--sslcafile1", expired.caFile().toString()),
                    12,
                    "TLS: TLS handshake" + " with 127.0.0.1:" + host1.port()
                            + " failed: the certificate of 127.0.0.1 has expired");
        }
        ImapScript greeted = new ImapScript()
                .startTls(expired)
                .send("* OK [CAPABILITY IMAP4rev1] tls ready")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
        ImapScript plain = new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1] plain ready")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
        try (FakeImapServer host1 = FakeImapServer.start(greeted);
                FakeImapServer host2 = FakeImapServer.start(plain)) {
            Cli.Run run = Cli.run(
                    "--host1",
                    host1.host(),
                    "--port1",
                    String.valueOf(host1.port()),
                    "--user1",
                    "alice",
                    "--ssl1",
                    "--insecure1",
                    "--host2",
                    host2.host(),
                    "--port2",
                    String.valueOf(host2.port()),
                    "--user2",
                    "bob",
                    "--nossl2",
                    "--notls2",
                    "--justconnect",
                    "--nolog",
                    "--no-progress",
                    "--no-state");
            assertEquals(0, run.code(), run::toString);
            assertTrue(run.out().contains("Host1 banner: tls ready"), run::toString);
        }
    }

    @Test
    void preauthWhereTlsIsRequiredIsATlsFailure() {
        try (FakeImapServer host1 =
                FakeImapServer.start(new ImapScript().send("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome back"))) {
            assertError(
                    run(host1, "--tls1"),
                    12,
                    "TLS: 127.0.0.1:" + host1.port() + " greeted with PREAUTH on a" + " connection without TLS");
        }
    }

    @Test
    void plainAgainstATlsPortIsAConnectionFailureOfHost1() {
        TestCertificates certificates = TestCertificates.signedByCa(dir, TestCertificates.LOOPBACK_NAMES);
        try (FakeImapServer host1 = FakeImapServer.start(new ImapScript().startTls(certificates))) {
            assertError(
                    run(host1, "--nossl1", "--notls1", "--timeout1", "1"),
                    101,
                    "CONNECTION_SOURCE: 127.0.0.1:"
                            + host1.port() + " sent no IMAP greeting within 1 s; is it an IMAP server, and is port "
                            + host1.port() + " a TLS port (try --ssl1/--ssl2)?");
        }
    }

    @Test
    void oauthTokenWithoutAnOauthMechanismIsAnAuthenticationFailure() {
        try (FakeImapServer host1 =
                FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready"))) {
            assertError(
                    run(host1, "--oauthaccesstoken1", "ya29.cli-token-5521"),
                    161,
                    "AUTHENTICATION_SOURCE: cannot log in as alice@127.0.0.1:" + host1.port() + ": the authentication"
                            + " mechanism XOAUTH2 was asked for but 127.0.0.1 does not offer AUTH=XOAUTH2 (it offers AUTH=PLAIN"
                            + " and the LOGIN command)");
        }
    }

    @Test
    void mechanismTheServerLacksIsAnAuthenticationFailure() {
        try (FakeImapServer host1 =
                FakeImapServer.start(new ImapScript().send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready"))) {
            assertError(
                    run(host1, "--authmech1", "CRAM-MD5"),
                    161,
                    "AUTHENTICATION_SOURCE: cannot log in as"
                            + " alice@127.0.0.1:" + host1.port()
                            + ": the authentication mechanism CRAM-MD5 was asked for but"
                            + " 127.0.0.1 does not offer AUTH=CRAM-MD5");
        }
    }
}
