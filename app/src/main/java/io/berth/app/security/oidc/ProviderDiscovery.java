package io.berth.app.security.oidc;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Finds a provider's key set from its issuer: {@code GET <issuer>/.well-known/openid-configuration}, as OpenID
 * Connect Discovery 1.0 describes, within bounded timeouts and a bounded answer size. The document's
 * {@code issuer} must equal the configured one (the spec's defence against a document that speaks for another
 * issuer).
 */
final class ProviderDiscovery {

    static final String WELL_KNOWN = "/.well-known/openid-configuration";
    /** Real documents are a few kB; anything near this is not one. */
    private static final int MAX_BYTES = 512 * 1024;

    private final HttpClient http;
    private final Duration readTimeout;
    private final JsonMapper json = JsonMapper.builder().build();

    ProviderDiscovery(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.readTimeout = readTimeout;
    }

    /**
     * @return the {@code jwks_uri} the issuer publishes
     * @throws DiscoveryException with a message fit for an operator (the URL and what went wrong)
     */
    String jwkSetUri(String issuer) {
        URI location = URI.create(stripTrailingSlash(issuer) + WELL_KNOWN);
        JsonNode document = fetch(location);
        String published = text(document, "issuer");
        if (!issuer.equals(published)) {
            throw new DiscoveryException(location + " names issuer '" + published + "', not the configured '"
                    + issuer + "' (berth.security.oidc.issuer-uri must be the provider's issuer exactly)");
        }
        String jwksUri = text(document, "jwks_uri");
        if (jwksUri == null || jwksUri.isBlank()) {
            throw new DiscoveryException(location + " has no jwks_uri");
        }
        return jwksUri;
    }

    private JsonNode fetch(URI location) {
        HttpRequest request = HttpRequest.newBuilder(location).timeout(readTimeout)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DiscoveryException(location + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new DiscoveryException(location + " answered more than " + MAX_BYTES + " bytes");
                }
                JsonNode document = json.readTree(bytes);
                if (document == null || !document.isObject()) {
                    throw new DiscoveryException(location + " did not answer a JSON object");
                }
                return document;
            }
        } catch (IOException | JacksonException e) {
            // A refused connection's message is null: the exception's kind says it then.
            throw new DiscoveryException(location + " could not be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException(location + " could not be read: interrupted");
        }
    }

    private static String text(JsonNode document, String field) {
        JsonNode node = document.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static String stripTrailingSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** Discovery failed; the message names the document's URL. */
    static final class DiscoveryException extends RuntimeException {
        DiscoveryException(String message) {
            super(message, null, false, false);
        }
    }
}
