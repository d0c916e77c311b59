package io.berth.app.security.identity;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who made a request, as far as authorization and the audit trail need to know: never the credential itself.
 *
 * @param name     what the audit trail records: a token's name, an OIDC subject, a certificate's subject
 * @param source   which kind of credential proved it
 * @param roles    role names (built-in or custom) the caller holds
 * @param clusters the clusters the caller is scoped to; empty means every cluster
 */
public record Caller(String name, Source source, Set<String> roles, Set<String> clusters) {

    /** The request attribute under which the authenticated caller is kept for the rest of the request. */
    public static final String ATTRIBUTE = Caller.class.getName();

    public enum Source { ADMIN_TOKEN, TOKEN, OIDC, CERTIFICATE }

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        roles = Set.copyOf(roles);
        clusters = Set.copyOf(clusters);
    }

    /** True when the caller is not limited to named clusters. */
    public boolean allClusters() {
        return clusters.isEmpty();
    }

    /** The caller authentication put on this request, if any. */
    public static Optional<Caller> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }
}
