package io.berth.app.security.tokens;

import io.berth.app.security.access.AccessPolicy;
import io.berth.app.security.access.AccessDeniedException;
import io.berth.app.security.access.BuiltInRoles;
import io.berth.app.security.access.Role;
import io.berth.app.security.access.RoleCatalog;
import io.berth.app.security.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Creates, lists and revokes API tokens; refuses to hand out more than the caller holds. */
public class TokenService {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final Pattern CLUSTER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}");
    private static final Pattern EXPIRES = Pattern.compile("([0-9]{1,6})(d|h|m)");
    static final int MAX_CLUSTERS = 100;
    static final Duration MAX_LIFETIME = Duration.ofDays(3650);
    /** The bootstrap admin token's name in denials and the audit trail; no API token may take it. */
    public static final String ADMIN_NAME = "admin";

    private final TokenStore store;
    private final TokenSecrets secrets;
    private final RoleCatalog roles;
    private final AccessPolicy policy;
    private final Clock clock;

    public TokenService(TokenStore store, TokenSecrets secrets, RoleCatalog roles, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.roles = roles;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * @throws InvalidTokenRequestException 422 naming the field
     * @throws AccessDeniedException        403 when the token would hold more than the caller
     * @throws ResponseStatusException      409 when a token of that name exists
     */
    public CreatedToken create(Caller caller, TokenRequest request) {
        if (request == null) {
            throw new InvalidTokenRequestException("body", "send {\"name\", \"role\", \"clusters\", \"expiresIn\"}");
        }
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidTokenRequestException("name", "must be 1-63 letters, digits, '_', '.' or '-', starting "
                    + "with a letter or digit");
        }
        if (name.equals(ADMIN_NAME)) {
            throw new InvalidTokenRequestException("name", "\"admin\" is the bootstrap admin token's name; choose another");
        }
        if (request.role() == null || request.role().isBlank()) {
            throw new InvalidTokenRequestException("role", "is required: one of " + BuiltInRoles.ALL.stream()
                    .map(Role::name).toList() + " or a custom role");
        }
        Role role = roles.find(request.role()).orElseThrow(() -> new InvalidTokenRequestException("role",
                "role \"" + request.role() + "\" does not exist"));
        Set<String> clusters = clusters(request.clusters());
        Instant now = clock.instant();
        Instant expiresAt = expiresAt(request.expiresIn(), now);
        if (clusters.isEmpty() && !(caller.allClusters() && caller.roles().contains(BuiltInRoles.ADMIN))) {
            throw new AccessDeniedException(AccessPolicy.describe(caller) + " may not create a token for every "
                    + "cluster (only admin may); name the clusters it is for");
        }
        policy.checkCanGrant(caller, role, clusters);
        String secret = secrets.generate();
        ApiToken token = new ApiToken(name, role.name(), clusters, caller.name(), now, expiresAt, null, null);
        if (!store.insert(token, TokenSecrets.hash(secret))) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "token \"" + name + "\" exists; revoke it first");
        }
        return new CreatedToken(TokenView.of(token), secret);
    }

    public List<TokenView> list() {
        return store.list().stream().map(TokenView::of).toList();
    }

    public TokenView get(String name) {
        return store.find(name).map(TokenView::of).orElseThrow(() -> notFound(name));
    }

    public void revoke(String name) {
        if (!store.revoke(name, clock.instant())) {
            throw notFound(name);
        }
    }

    private static ResponseStatusException notFound(String name) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "token \"" + name + "\" not found");
    }

    private static Set<String> clusters(List<String> clusters) {
        if (clusters == null) {
            return Set.of();
        }
        if (clusters.size() > MAX_CLUSTERS) {
            throw new InvalidTokenRequestException("clusters", "at most " + MAX_CLUSTERS + " clusters, got " + clusters.size());
        }
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < clusters.size(); i++) {
            String cluster = clusters.get(i);
            if (cluster == null || !CLUSTER.matcher(cluster).matches()) {
                throw new InvalidTokenRequestException("clusters[" + i + "]", "must be a cluster name: 1-255 letters, "
                        + "digits, '-' or '_'");
            }
            names.add(cluster);
        }
        return names;
    }

    static Instant expiresAt(String expiresIn, Instant now) {
        if (expiresIn == null || expiresIn.isBlank()) {
            return null;
        }
        var matcher = EXPIRES.matcher(expiresIn.strip());
        if (!matcher.matches()) {
            throw new InvalidTokenRequestException("expiresIn", "must be a number and a unit d, h or m (e.g. 90d, 12h), "
                    + "got \"" + expiresIn + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration lifetime = switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new InvalidTokenRequestException("expiresIn", "must be more than 0 and at most 3650d, got \"" + expiresIn + "\"");
        }
        return now.plus(lifetime);
    }
}
