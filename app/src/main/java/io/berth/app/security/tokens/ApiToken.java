package io.berth.app.security.tokens;

import java.time.Instant;
import java.util.Set;

/** A stored token, without its secret (which is never stored). */
public record ApiToken(String name, String role, Set<String> clusters, String createdBy, Instant createdAt,
                       Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiToken {
        clusters = Set.copyOf(clusters);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
