package io.berth.app.security.tokens;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** A token as the API shows it: never its secret. {@code clusters} empty = every cluster. */
public record TokenView(String name, String role, List<String> clusters, String createdBy, Instant createdAt,
                        Instant expiresAt, Instant lastUsedAt) {

    static TokenView of(ApiToken token) {
        return new TokenView(token.name(), token.role(), List.copyOf(new TreeSet<>(token.clusters())),
                token.createdBy(), token.createdAt(), token.expiresAt(), token.lastUsedAt());
    }
}
