package io.berth.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API is reached, beyond {@code /v1} (which always takes the admin token).
 *
 * @param openMetrics {@code true} serves {@code /actuator/prometheus} without the token ({@code BERTH_API_OPEN_METRICS});
 *                    by default a scrape must send it: the metrics name every engine endpoint Berth drives
 * @param openDocs    {@code true} serves the OpenAPI document and Swagger UI without the token
 *                    ({@code BERTH_API_OPEN_DOCS})
 * @param tls         a PEM certificate and key for HTTPS; read by {@link ApiTlsEnvironmentPostProcessor}
 */
@ConfigurationProperties("berth.api")
public record ApiProperties(boolean openMetrics, boolean openDocs, Tls tls) {

    /**
     * @param certificate PEM certificate (chain) of the server, a path or {@code classpath:} location
     * @param privateKey  its PEM private key
     * @param clientCa    PEM certificate(s) of the CA that signs client certificates; set, the server asks clients
     *                    for one (optional for the client)
     */
    public record Tls(String certificate, String privateKey, String clientCa) {
    }
}
