package org.imapferry.engine.testserver;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time with BouncyCastle: a CA and a server certificate it signed, or a
 * self-signed server certificate, written as PEM files (the CA file is what an Endpoint's
 * {@code trustFile} takes; the server files are what Dovecot's {@code ssl_cert}/{@code ssl_key}
 * take). EC P-256 keys, because generating them is instant.
 *
 * @param caFile          PEM of the certificate to trust: the CA, or the server certificate itself when self-signed
 * @param certFile        PEM of the server certificate
 * @param keyFile         PEM (PKCS#8) of the server's private key
 */
public record TestCertificates(
        Path caFile,
        Path certFile,
        Path keyFile,
        X509Certificate caCertificate,
        X509Certificate serverCertificate,
        PrivateKey serverKey) {

    /** The names a loopback test server answers to. */
    public static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost");

    /** When a server certificate is valid: from yesterday for a year, unless a test needs it otherwise. */
    public record Validity(Instant notBefore, Instant notAfter) {
        public static Validity current() {
            Instant now = Instant.now();
            return new Validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        }

        /** Valid for a month until yesterday. */
        public static Validity expired() {
            Instant now = Instant.now();
            return new Validity(now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(1)));
        }

        /** Valid for a month from tomorrow. */
        public static Validity notYetValid() {
            Instant now = Instant.now();
            return new Validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(31)));
        }
    }

    /** A CA ("imapferry test CA") and a server certificate for {@code names}, signed by it. */
    public static TestCertificates signedByCa(Path dir, List<String> names) {
        return signedByCa(dir, names, Validity.current());
    }

    /** As {@link #signedByCa(Path, List)}, with the server certificate valid only within {@code validity}. */
    public static TestCertificates signedByCa(Path dir, List<String> names, Validity validity) {
        try {
            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=imapferry test CA");
            X509v3CertificateBuilder ca = builder(caName, caName, caKeys, Validity.current())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCertificate = sign(ca, caKeys.getPrivate());
            KeyPair serverKeys = newKeyPair();
            X509Certificate server = sign(serverBuilder(caName, serverKeys, names, validity), caKeys.getPrivate());
            return write(dir, caCertificate, server, serverKeys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates in " + dir, e);
        }
    }

    /** A self-signed server certificate for {@code names}, which no one trusts by default. */
    public static TestCertificates selfSigned(Path dir, List<String> names) {
        try {
            KeyPair keys = newKeyPair();
            X509Certificate server = sign(
                    serverBuilder(new X500Name("CN=" + names.get(0)), keys, names, Validity.current()),
                    keys.getPrivate());
            return write(dir, server, server, keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates in " + dir, e);
        }
    }

    private static X509v3CertificateBuilder serverBuilder(
            X500Name issuer, KeyPair keys, List<String> names, Validity validity) throws IOException {
        GeneralName[] alternatives = names.stream()
                .map(n -> new GeneralName(
                        Character.isDigit(n.charAt(0)) || n.contains(":") ? GeneralName.iPAddress : GeneralName.dNSName,
                        n))
                .toArray(GeneralName[]::new);
        return builder(issuer, new X500Name("CN=" + names.get(0)), keys, validity)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys, Validity validity) {
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, new SecureRandom()),
                Date.from(validity.notBefore()),
                Date.from(validity.notAfter()),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static TestCertificates write(Path dir, X509Certificate ca, X509Certificate server, PrivateKey key)
            throws IOException {
        Files.createDirectories(dir);
        Path caFile = dir.resolve("ca.pem");
        Path certFile = dir.resolve("server-cert.pem");
        Path keyFile = dir.resolve("server-key.pem");
        writePem(caFile, ca);
        writePem(certFile, server);
        writePem(keyFile, new JcaPKCS8Generator(key, null));
        return new TestCertificates(caFile, certFile, keyFile, ca, server, key);
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
