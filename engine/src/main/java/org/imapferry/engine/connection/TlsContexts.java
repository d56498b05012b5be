package org.imapferry.engine.connection;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * TLS client settings for an {@link Endpoint}: the system trust store, plus the certificates of
 * its {@code trustFile} when given, with host name verification (RFC 6125, as RFC 8314 §5 asks
 * of mail clients); or, only when the user opted out, no verification at all.
 *
 * <p>Host name verification needs both the endpoint identification algorithm on the engine and
 * the peer's host name, which {@link #newHandler} passes. Netty 4.2 already defaults client
 * contexts to "HTTPS", but a system property ({@code io.netty.handler.ssl.defaultEndpointVerificationAlgorithm})
 * can switch that default off, so it is set here explicitly.
 */
public final class TlsContexts {
    /** RFC 2818 host name rules, which match what RFC 6125 asks for an IMAP server name. */
    private static final String HOSTNAME_VERIFICATION = "HTTPS";

    private TlsContexts() {}

    /** TLS could not be set up (a bad trust file); says which file and what is wrong. */
    public static final class TlsSetupException extends RuntimeException {
        TlsSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A client context for the endpoint; build it once per endpoint and reuse it for every connection. */
    public static SslContext clientContext(Endpoint endpoint) {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (!endpoint.verifyCertificates()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            if (endpoint.trustFile() != null) {
                builder.trustManager(systemAndFileTrust(endpoint.trustFile()));
            }
            builder.endpointIdentificationAlgorithm(HOSTNAME_VERIFICATION);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new TlsSetupException("cannot set up TLS for " + endpoint.describe() + ": " + e.getMessage(), e);
        }
    }

    /** A handler for one connection to the endpoint, with the peer host name for verification and SNI. */
    public static SslHandler newHandler(SslContext context, ByteBufAllocator alloc, Endpoint endpoint) {
        SslHandler handler = context.newHandler(alloc, endpoint.host(), endpoint.port());
        handler.setHandshakeTimeoutMillis(endpoint.timeout().toMillis());
        return handler;
    }

    /** {@link #clientContext} and {@link #newHandler(SslContext, ByteBufAllocator, Endpoint)} in one. */
    public static SslHandler newHandler(ByteBufAllocator alloc, Endpoint endpoint) {
        return newHandler(clientContext(endpoint), alloc, endpoint);
    }

    /**
     * One trust store holding the system's anchors and the file's certificates, so the JDK's own
     * PKIX trust manager (an X509ExtendedTrustManager, which also checks the host name) accepts
     * a chain ending in either. A server certificate in the file is its own anchor.
     */
    private static TrustManagerFactory systemAndFileTrust(Path trustFile) {
        List<X509Certificate> fileCertificates = readCertificates(trustFile);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate anchor : systemAnchors()) {
                store.setCertificateEntry("system-" + n++, anchor);
            }
            for (X509Certificate certificate : fileCertificates) {
                store.setCertificateEntry("file-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot build a trust store from " + trustFile + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> systemAnchors() throws GeneralSecurityException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        List<X509Certificate> anchors = new ArrayList<>();
        for (TrustManager manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                anchors.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return anchors;
    }

    /**
     * The X.509 certificates of a PEM file; other PEM objects (keys) are skipped.
     *
     * @throws TlsSetupException naming the file when it is missing, unreadable, not PEM, or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        // ISO-8859-1 reads any bytes, so a binary file ends as "no certificate", not a charset error.
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("trust file " + file + " does not exist", e);
        } catch (IOException | CertificateException | RuntimeException e) {
            // PEMParser reports a damaged block as an IOException or, for bad base64, a runtime exception.
            throw new TlsSetupException(
                    "trust file " + file + " cannot be read as PEM certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(
                    "trust file " + file + " contains no certificate (expected -----BEGIN CERTIFICATE----- blocks)",
                    null);
        }
        return certificates;
    }
}
