package io.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which HTTPS servers the CLI believes, like kubectl's {@code --certificate-authority} and
 * {@code --insecure-skip-tls-verify}: the JDK's trusted CAs (default), the certificates of one PEM file instead
 * (a private CA or a self-signed server certificate), or anything (for a first look at a test server; the token
 * then goes to whoever answers).
 *
 * @param caCert   PEM file with the certificates to trust instead of the JDK's; null = the JDK's
 * @param insecure trust any certificate and any host name
 */
record ServerTrust(Path caCert, boolean insecure) {

    static final ServerTrust DEFAULT = new ServerTrust(null, false);

    ServerTrust {
        if (caCert != null && insecure) {
            throw CliException.usage("--ca-cert and --insecure-skip-tls-verify exclude each other");
        }
    }

    /** The TLS context for these settings; null = the JDK's default (so that http:// never loads a trust store). */
    SSLContext sslContext() {
        if (caCert != null) {
            return context(trustManagerFor(caCert));
        }
        if (insecure) {
            return context(new TrustAll());
        }
        return null;
    }

    private static TrustManager trustManagerFor(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw CliException.usage("cannot read --ca-cert " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw CliException.usage("--ca-cert " + file + " is not a PEM certificate file: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw CliException.usage("--ca-cert " + file + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw CliException.usage("cannot trust the certificates of --ca-cert " + file + ": " + e.getMessage());
        }
    }

    private static SSLContext context(TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this Java runtime", e);
        }
    }

    /**
     * Accepts every chain. An {@link X509ExtendedTrustManager}, because the JDK checks the host name inside such a
     * trust manager (and around any other): this one skips that too.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
