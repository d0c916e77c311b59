package io.berth.app.security.tokens;

import java.util.List;

/**
 * The body of {@code POST /v1/tokens}.
 *
 * @param name      unique among tokens that are not revoked
 * @param role      a built-in or custom role
 * @param clusters  the clusters the token reaches; empty or absent = every cluster (admin only)
 * @param expiresIn e.g. {@code 90d}, {@code 12h}, {@code 30m}; absent = never expires
 */
public record TokenRequest(String name, String role, List<String> clusters, String expiresIn) {
}
