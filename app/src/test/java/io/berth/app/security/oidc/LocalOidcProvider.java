package io.berth.app.security.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID provider in the test: a real RSA signing key, its public half as a JWKS, and the discovery document,
 * served by the JDK's HTTP server on an ephemeral loopback port.
 */
final class LocalOidcProvider implements AutoCloseable {

    final RSAKey key;
    final String issuer;
    final AtomicInteger discoveryRequests = new AtomicInteger();
    final AtomicInteger keyRequests = new AtomicInteger();
    private final HttpServer server;

    LocalOidcProvider(RSAKey key) throws IOException {
        this.key = key;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/berth";
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwkSetUri() + "\"}";
        server.createContext("/realms/berth/.well-known/openid-configuration", exchange -> {
            discoveryRequests.incrementAndGet();
            answer(exchange, discovery);
        });
        server.createContext("/realms/berth/keys", exchange -> {
            keyRequests.incrementAndGet();
            answer(exchange, jwks);
        });
        server.start();
    }

    String jwkSetUri() {
        return issuer + "/keys";
    }

    static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed with this provider's key. */
    String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 with a secret an attacker chose: must never verify against a provider's public keys. */
    static String signWithSecret(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner("an-attackers-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static void answer(HttpExchange exchange, String body) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
