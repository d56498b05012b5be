package org.imapferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imapferry.engine.connection.Secrets;
import org.imapferry.engine.testserver.DovecotExtension;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.DovecotTest;
import org.imapferry.engine.testserver.FakeImapServer;
import org.imapferry.engine.testserver.ImapScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command with both IMAP traces on (--debugimap1 --debugimap2), logging in with
 * AUTHENTICATE PLAIN (also an administrator's, with an authorization identity), XOAUTH2 and
 * OAUTHBEARER, successfully and not: no password or token appears, in
 * clear, base64 or hex, in any byte of stdout, stderr (where the trace goes), the log file or the
 * JSON report.
 */
@DovecotTest
class SecretsEndToEndTest {
    static final String P1 = "Plain-src-secret-6610";
    static final String P2 = "Plain-dst-secret-2285";
    static final String WRONG = "Plain-wrong-guess-7702";
    static final String TOKEN = "ya29.a0AfH6SMx-token-4471";

    @RegisterExtension
    static final DovecotExtension HOST1 = DovecotExtension.plain();

    static DovecotServer host1;

    @RegisterExtension
    static final DovecotExtension HOST2 = DovecotExtension.plain();

    static DovecotServer host2;

    @TempDir
    Path dir;

    @BeforeAll
    static void servers() {
        host1 = HOST1.server();
        host2 = HOST2.server();
        host1.addUser("alice", P1);
        host2.addUser("bob", P2);
        Cli.deliver(host1, "alice", "INBOX", "s1", Set.of("\\Seen"));
    }

    /** Everything one run wrote: the command's out and err, the process's stdout and stderr, the files. */
    private record Output(Cli.Run run, Map<String, String> places) {
        void assertNoSecret(String user, String... secrets) {
            for (Map.Entry<String, String> place : places.entrySet()) {
                for (String secret : secrets) {
                    Secrets.assertAbsent(place.getKey(), place.getValue(), user, secret);
                }
            }
        }
    }

    private Output run(List<String> args) throws IOException {
        Path log = dir.resolve("log.txt");
        Path report = dir.resolve("report.json");
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(
                "--debugimap1",
                "--debugimap2",
                "--logfile",
                log.toString(),
                "--report",
                report.toString(),
                "--no-state",
                "--no-progress"));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        Cli.Run run;
        // slf4j-simple, which writes the IMAP trace, writes to whatever System.err is at each call.
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            run = Cli.run(all.toArray(String[]::new));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String trace = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(
                trace.contains(" C: A1 AUTHENTICATE") || trace.contains(" C: A1 LOGIN"),
                "the trace must be on for the search to mean something:\n" + trace);
        return new Output(
                run,
                Map.of(
                        "the command's output",
                        run.out(),
                        "the command's errors",
                        run.err(),
                        "stdout",
                        stdout.toString(StandardCharsets.UTF_8),
                        "stderr (the IMAP trace)",
                        trace,
                        "the log file",
                        Files.readString(log),
                        "the JSON report",
                        Files.readString(report)));
    }

    private static List<String> host2Args(String password) {
        return List.of(
                "--host2",
                host2.host(),
                "--port2",
                String.valueOf(host2.port()),
                "--user2",
                "bob",
                "--password2",
                password,
                "--authmech2",
                "PLAIN");
    }

    @Test
    void authenticatePlainMigrationShowsNoPassword() throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--host1",
                host1.host(),
                "--port1",
                String.valueOf(host1.port()),
                "--user1",
                "alice",
                "--password1",
                P1,
                "--authmech1",
                "PLAIN"));
        args.addAll(host2Args(P2));
        Output output = run(args);
        assertEquals(0, output.run().code(), output.run()::toString);
        assertTrue(output.places().get("stderr (the IMAP trace)").contains("AUTHENTICATE PLAIN"));
        assertTrue(output.places().get("the JSON report").contains("\"exitCode\""), output.places()::toString);
        output.assertNoSecret("alice", P1);
        output.assertNoSecret("bob", P2);
    }

    @Test
    void refusedAuthenticatePlainShowsNoPassword() throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--host1",
                host1.host(),
                "--port1",
                String.valueOf(host1.port()),
                "--user1",
                "alice",
                "--password1",
                P1,
                "--authmech1",
                "PLAIN"));
        args.addAll(host2Args(WRONG));
        Output output = run(args);
        assertEquals(162, output.run().code(), output.run()::toString);
        output.assertNoSecret("alice", P1);
        output.assertNoSecret("bob", WRONG);
    }

    /**
     * A server that takes one SASL mechanism with an initial response (Dovecot here cannot do
     * OAuth, nor an administrator's PLAIN without a master user), answering the challenge form.
     */
    private static ImapScript sasl(String mechanism, boolean accept) {
        ImapScript script = new ImapScript()
                .send("* OK [CAPABILITY IMAP4rev1 AUTH=" + mechanism + "] sasl ready")
                .expectLine("A1 AUTHENTICATE " + mechanism)
                .send("+ ")
                .expectLine("[A-Za-z0-9+/=]+");
        if (!accept) {
            return script.send("+ eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=")
                    .expectLine("")
                    .send("A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)");
        }
        return script.send("A1 OK [CAPABILITY IMAP4rev1] welcome")
                .expectLine("\\S+ LOGOUT")
                .send("* BYE bye")
                .send("{tag} OK logged out")
                .close();
    }

    private Output justLogin(FakeImapServer server, String... credentials) throws IOException {
        List<String> args = new ArrayList<>(
                List.of("--host1", server.host(), "--port1", String.valueOf(server.port()), "--justlogin"));
        args.addAll(List.of(credentials));
        args.addAll(host2Args(P2));
        return run(args);
    }

    private Output oauthRun(FakeImapServer server) throws IOException {
        return justLogin(server, "--user1", "alice@example.org", "--oauthaccesstoken1", TOKEN);
    }

    @Test
    void administratorsPlainWithAuthorizationIdentityShowsNoPassword() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(sasl("PLAIN", true))) {
            Output output = justLogin(server, "--user1", "alice", "--authuser1", "admin", "--password1", P1);
            assertEquals(0, output.run().code(), output.run()::toString);
            server.awaitDone(Duration.ofSeconds(5));
            assertTrue(
                    server.receivedText().contains(Secrets.forms("admin", P1).get("base64 at offset 0")),
                    "the password did go to the server after \"alice\\0admin\\0\": " + server.receivedText());
            output.assertNoSecret("admin", P1);
            output.assertNoSecret("bob", P2);
        }
    }

    @Test
    void oauthBearerLoginShowsNoToken() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(sasl("OAUTHBEARER", true))) {
            Output output = justLogin(
                    server, "--user1", "alice@example.org", "--oauthaccesstoken1", TOKEN, "--authmech1", "OAUTHBEARER");
            assertEquals(0, output.run().code(), output.run()::toString);
            server.awaitDone(Duration.ofSeconds(5));
            output.assertNoSecret("alice@example.org", TOKEN);
        }
    }

    @Test
    void xoauth2LoginShowsNoToken() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(sasl("XOAUTH2", true))) {
            Output output = oauthRun(server);
            assertEquals(0, output.run().code(), output.run()::toString);
            server.awaitDone(Duration.ofSeconds(5));
            assertTrue(
                    server.receivedText()
                            .contains(Secrets.forms("alice@example.org", TOKEN).get("XOAUTH2 payload")),
                    "the token did go to the server: " + server.receivedText());
            output.assertNoSecret("alice@example.org", TOKEN);
            output.assertNoSecret("bob", P2);
        }
    }

    @Test
    void refusedXoauth2ShowsNoToken() throws IOException {
        try (FakeImapServer server = FakeImapServer.start(sasl("XOAUTH2", false))) {
            Output output = oauthRun(server);
            assertEquals(161, output.run().code(), output.run()::toString);
            assertTrue(output.run().out().contains("Invalid credentials"), output.run()::toString);
            output.assertNoSecret("alice@example.org", TOKEN);
        }
    }
}
