package io.berth.app.security;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code berth.api.tls.certificate} and {@code berth.api.tls.private-key} (env {@code BERTH_API_TLS_CERTIFICATE},
 * {@code BERTH_API_TLS_PRIVATE_KEY}): two PEM files that turn the API into HTTPS. They are shorthand for Spring
 * Boot's own settings, a PEM SSL bundle named {@value #BUNDLE} that the server uses:
 * <pre>
 * spring.ssl.bundle.pem.berth.keystore.certificate / .private-key
 * server.ssl.bundle: berth
 * </pre>
 * {@code berth.api.tls.client-ca} ({@code BERTH_API_TLS_CLIENT_CA}), a PEM file of the CA(s) that sign client
 * certificates, adds the bundle's trust store and {@code server.ssl.client-auth: want}: a client may present a
 * certificate (verified in the handshake; machines authenticate with it) or none (people and scripts send a
 * bearer token). Whoever sets {@code server.ssl.*} directly (a keystore, their own client certificate policy) keeps
 * full control: then these must stay unset.
 *
 * <p>An environment post-processor, not a bean: the web server reads {@code server.ssl} when it is created, and a
 * half-configured pair must stop the start with a message that names the missing setting.
 */
public class ApiTlsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String CERTIFICATE = "berth.api.tls.certificate";
    static final String PRIVATE_KEY = "berth.api.tls.private-key";
    static final String CLIENT_CA = "berth.api.tls.client-ca";
    static final String BUNDLE = "berth";
    private static final String BUNDLE_PREFIX = "spring.ssl.bundle.pem." + BUNDLE + ".keystore.";
    private static final String TRUST_PREFIX = "spring.ssl.bundle.pem." + BUNDLE + ".truststore.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String certificate = blankToNull(environment.getProperty(CERTIFICATE));
        String privateKey = blankToNull(environment.getProperty(PRIVATE_KEY));
        String clientCa = blankToNull(environment.getProperty(CLIENT_CA));
        if (certificate == null && privateKey == null) {
            if (clientCa != null) {
                throw new IllegalArgumentException("berth.api.tls.client-ca (BERTH_API_TLS_CLIENT_CA) asks for client "
                        + "certificates, which only HTTPS carries: set berth.api.tls.certificate and "
                        + "berth.api.tls.private-key too");
            }
            return;
        }
        if (certificate == null || privateKey == null) {
            String missing = certificate == null ? CERTIFICATE + " (BERTH_API_TLS_CERTIFICATE)"
                    : PRIVATE_KEY + " (BERTH_API_TLS_PRIVATE_KEY)";
            throw new IllegalArgumentException("HTTPS needs both berth.api.tls.certificate and "
                    + "berth.api.tls.private-key: " + missing + " is not set");
        }
        if (environment.containsProperty("server.ssl.bundle")
                || environment.containsProperty("server.ssl.certificate")
                || environment.containsProperty("server.ssl.key-store")) {
            throw new IllegalArgumentException("berth.api.tls.* and server.ssl.* both configure HTTPS: set only one");
        }
        Map<String, Object> settings = new LinkedHashMap<>(Map.of(
                BUNDLE_PREFIX + "certificate", location(certificate),
                BUNDLE_PREFIX + "private-key", location(privateKey),
                "server.ssl.bundle", BUNDLE));
        if (clientCa != null) {
            settings.put(TRUST_PREFIX + "certificate", location(clientCa));
            // want, not need: bearer tokens keep working for clients without a certificate.
            settings.put("server.ssl.client-auth", "want");
        }
        environment.getPropertySources().addLast(new MapPropertySource("berthApiTls", settings));
    }

    /** A plain path is a file; PEM text itself and locations with a prefix ({@code classpath:}) pass as they are. */
    private static String location(String value) {
        return value.contains(":") || value.contains("-----BEGIN") ? value : "file:" + value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** After the config files are read, so that the two settings may be given there too. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
