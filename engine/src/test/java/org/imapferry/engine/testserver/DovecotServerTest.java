package org.imapferry.engine.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@DovecotTest
class DovecotServerTest {

    @BeforeAll
    static void needsDovecot() {
        DovecotServer.assumeAvailable();
    }

    @Test
    void greetsAndLogsIn() throws IOException {
        try (DovecotServer dovecot = DovecotServer.start()) {
            dovecot.addUser("alice", "wonder land");
            try (RawImap client = RawImap.connect(dovecot.host(), dovecot.port())) {
                assertTrue(client.greeting().startsWith("* OK"), client.greeting());
                assertTrue(client.status("LOGIN alice wrong").startsWith("NO"));
                assertTrue(client.status("LOGIN alice \"wonder land\"").startsWith("OK"));
                String list = String.join("\n", client.lines("LIST \"\" \"*\""));
                assertTrue(list.contains("(\\HasNoChildren \\Sent) \"/\" Sent"), list);
            }
        }
    }

    @Test
    void seededMaildirMessagesKeepFlagsKeywordsAndDate() throws IOException {
        try (DovecotServer dovecot = DovecotServer.builder().courierLike().start()) {
            dovecot.addUser("bob", "pw");
            byte[] message = "Subject: one\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
            Instant date = Instant.parse("2016-03-12T10:20:30Z");
            dovecot.deliver("bob", "INBOX", message, Set.of("\\Seen", "$Forwarded"), date);
            dovecot.deliver("bob", "INBOX.Projects.2016", message, Set.of("\\Flagged", "\\Answered"), date);
            try (RawImap client = RawImap.connect(dovecot.host(), dovecot.port())) {
                assertTrue(client.status("LOGIN bob pw").startsWith("OK"));
                String inbox = String.join("\n", client.lines("SELECT INBOX"));
                assertTrue(inbox.contains("* 1 EXISTS"), inbox);
                String fetch = String.join("\n", client.lines("FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE)"));
                assertTrue(fetch.contains("\\Seen") && fetch.contains("$Forwarded"), fetch);
                assertTrue(fetch.contains("INTERNALDATE \"12-Mar-2016 10:20:30 +0000\""), fetch);
                assertTrue(fetch.contains("RFC822.SIZE " + message.length), fetch);
                client.lines("SELECT INBOX.Projects.2016");
                String flags = String.join("\n", client.lines("FETCH 1 FLAGS"));
                assertTrue(flags.contains("\\Flagged") && flags.contains("\\Answered"), flags);
                String list = String.join("\n", client.lines("LIST \"\" \"*\""));
                assertTrue(list.contains("\".\" INBOX.Sent"), list);
            }
        }
    }

    @Test
    void tlsWithTestCaVerifiesHostName() throws Exception {
        try (DovecotServer dovecot =
                DovecotServer.builder().tls(DovecotServer.Tls.CA_SIGNED).start()) {
            dovecot.addUser("carol", "pw");
            try (RawImap client =
                    new RawImap(verifyingSocket(dovecot, dovecot.certificates().caFile()))) {
                assertTrue(client.greeting().startsWith("* OK"), client.greeting());
                assertTrue(client.status("LOGIN carol pw").startsWith("OK"));
            }
            try (RawImap plain = RawImap.connect(dovecot.host(), dovecot.port())) {
                assertTrue(plain.greeting().contains("STARTTLS"), plain.greeting());
            }
        }
    }

    @Test
    void selfSignedCertificateIsRefused() throws Exception {
        try (DovecotServer dovecot =
                DovecotServer.builder().tls(DovecotServer.Tls.SELF_SIGNED).start()) {
            SSLSocket socket = verifyingSocket(dovecot, null);
            try (socket) {
                assertThrows(SSLHandshakeException.class, socket::startHandshake);
            }
        }
    }

    /** A JDK TLS socket to the imaps port that trusts the system store or the given PEM, and checks the host name. */
    private static SSLSocket verifyingSocket(DovecotServer dovecot, java.nio.file.Path caFile) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", dovecot.certificates().caCertificate());
            trust.init(store);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(dovecot.host(), dovecot.imapsPort());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    @Test
    void compressIsAnnouncedWhenAsked() throws IOException {
        try (DovecotServer dovecot = DovecotServer.builder().compress(true).start()) {
            dovecot.addUser("dan", "pw");
            try (RawImap client = RawImap.connect(dovecot.host(), dovecot.port())) {
                List<String> login = client.lines("LOGIN dan pw");
                assertEquals(
                        dovecot.hasCompress(),
                        String.join(" ", login).contains("COMPRESS=DEFLATE"),
                        String.join("\n", login));
            }
        }
    }
}
