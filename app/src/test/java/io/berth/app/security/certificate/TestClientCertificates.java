package io.berth.app.security.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The test client certificates in {@code src/test/resources/tls/clients} (see the README there). */
final class TestClientCertificates {

    static final Path DIR = Path.of("src/test/resources/tls/clients");
    static final Path SERVER_CERT = Path.of("src/test/resources/tls/server-cert.pem");
    static final Path SERVER_KEY = Path.of("src/test/resources/tls/server-key.pem");

    private TestClientCertificates() {
    }

    static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate client(String name) {
        return certificate(DIR.resolve(name + "-cert.pem"));
    }

    /** A TLS client that trusts the test server certificate and, given a certificate, presents it. */
    static SSLContext sslContext(Path clientCert, Path clientKey) {
        return sslContext(keyManagers(clientCert, clientKey));
    }

    static SSLContext sslContext(KeyManager[] keyManagers) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate(SERVER_CERT));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key managers holding this certificate and key, or none when {@code clientCert} is null. */
    static KeyManager[] keyManagers(Path clientCert, Path clientKey) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (clientCert != null) {
                keys.setKeyEntry("client", privateKey(clientKey), new char[0],
                        new Certificate[]{certificate(clientCert)});
            }
            kmf.init(keys, new char[0]);
            return kmf.getKeyManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException(pem + " is not a PKCS#8 PEM key");
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        // The clients' keys are RSA, the server's (used as a certificate from another CA) is EC.
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }
}
