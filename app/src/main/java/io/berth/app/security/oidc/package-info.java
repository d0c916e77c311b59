/**
 * Single sign-on for people: {@code Authorization: Bearer <JWT>} issued by an OpenID Connect provider (Keycloak,
 * Dex, any other), verified with Spring Security's JOSE support against the provider's published keys, and mapped
 * from the token's groups to Berth roles and clusters. Present only when {@code berth.security.oidc.issuer-uri} or
 * {@code berth.security.oidc.jwk-set-uri} is set.
 */
package io.berth.app.security.oidc;
