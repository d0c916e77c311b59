package io.berth.cli;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default trust manager (the default trust store, the usual checks), loaded on first use.
 * {@code HttpClient} builds the default SSLContext eagerly, which reads the whole CA trust store: about a
 * quarter of a second of start-up that an {@code http://} server never needs. Nothing about what is trusted
 * changes: every check is the default trust manager's.
 */
final class LazyTrustManager extends X509ExtendedTrustManager {

    private volatile X509ExtendedTrustManager delegate;

    /** A TLS context that trusts what the JDK trusts by default, without loading the trust store up front. */
    static SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new LazyTrustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this Java runtime", e);
        }
    }

    private X509ExtendedTrustManager delegate() throws CertificateException {
        X509ExtendedTrustManager trustManager = delegate;
        if (trustManager == null) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager candidate : factory.getTrustManagers()) {
                    if (candidate instanceof X509ExtendedTrustManager x509) {
                        trustManager = x509;
                        break;
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new CertificateException("cannot load the default trust store", e);
            }
            if (trustManager == null) {
                throw new CertificateException("the Java runtime has no default X.509 trust manager");
            }
            delegate = trustManager;
        }
        return trustManager;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        try {
            return delegate().getAcceptedIssuers();
        } catch (CertificateException e) {
            return new X509Certificate[0];
        }
    }
}
