package io.berth.app.security;

import io.berth.app.security.access.BuiltInRoles;
import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.identity.Caller;
import io.berth.app.security.tokens.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * The bootstrap admin token ({@link AdminTokenStore}): role admin in every cluster. Any other bearer token is left to
 * the next authenticator, so it never answers 401 itself.
 */
public final class AdminTokenAuthenticator implements Authenticator, Ordered {

    /** Asked first: it needs no database, so the admin can still get in when the token table cannot be read. */
    public static final int ORDER = 0;
    private static final String SCHEME = "Bearer ";
    private static final Caller ADMIN = new Caller(TokenService.ADMIN_NAME, Caller.Source.ADMIN_TOKEN,
            Set.of(BuiltInRoles.ADMIN), Set.of());

    private final byte[] expectedDigest;

    public AdminTokenAuthenticator(String adminToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("admin token must not be blank");
        }
        this.expectedDigest = digest(adminToken);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Optional<Caller> authenticate(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return matches(header.substring(SCHEME.length()).strip()) ? Optional.of(ADMIN) : Optional.empty();
    }

    /**
     * Compares digests with {@link MessageDigest#isEqual}, which takes the same time wherever the first
     * difference is; hashing first also hides the token's length.
     */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
