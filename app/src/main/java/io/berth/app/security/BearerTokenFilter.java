package io.berth.app.security;

import io.berth.app.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Lets a request through only with {@code Authorization: Bearer <admin token>}; answers 401 with a JSON
 * error otherwise. Registered for {@code /v1/*} and, unless configured open, the metrics and the API description
 * ({@link SecurityConfiguration}); health checks stay open.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final byte[] expectedDigest;
    private final JsonMapper jsonMapper;

    public BearerTokenFilter(String adminToken, JsonMapper jsonMapper) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("admin token must not be blank");
        }
        this.expectedDigest = digest(adminToken);
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            reject(response, "missing bearer token: send 'Authorization: Bearer <token>'");
            return;
        }
        if (!matches(header.substring(SCHEME.length()).strip())) {
            reject(response, "invalid bearer token");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Compares digests with {@link MessageDigest#isEqual}, which takes the same time wherever the first
     * difference is; hashing first also hides the token's length.
     */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private void reject(HttpServletResponse response, String message) throws IOException {
        HttpStatus status = HttpStatus.UNAUTHORIZED;
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        jsonMapper.writeValue(response.getOutputStream(),
                new ApiError(status.value(), status.getReasonPhrase(), message, List.of()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
