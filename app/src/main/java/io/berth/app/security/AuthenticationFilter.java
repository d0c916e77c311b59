package io.berth.app.security;

import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import io.berth.app.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks each {@link Authenticator} in order (the bootstrap admin token, API tokens, then any other authenticator bean:
 * OIDC, client certificates); the first that recognises the request puts its {@link Caller} on the request
 * ({@link Caller#ATTRIBUTE}). Answers 401 with a JSON error when none does or one finds the credential invalid.
 * What the caller may do is decided later, once the route is known ({@link AuthorizationInterceptor}).
 */
public final class AuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final Supplier<List<Authenticator>> authenticators;
    private final JsonMapper jsonMapper;

    /** @param authenticators in the order to ask them; a supplier so that beans made later still take part */
    public AuthenticationFilter(Supplier<List<Authenticator>> authenticators, JsonMapper jsonMapper) {
        this.authenticators = authenticators;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller;
        try {
            caller = authenticate(request);
        } catch (BadCredentialsException e) {
            reject(response, HttpStatus.UNAUTHORIZED, e.getMessage());
            return;
        } catch (DataAccessException e) {
            log.warn("Cannot check credentials: {}", e.toString());
            reject(response, HttpStatus.SERVICE_UNAVAILABLE, "cannot check credentials now (the database is "
                    + "unavailable); retry later");
            return;
        }
        if (caller.isEmpty()) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            reject(response, HttpStatus.UNAUTHORIZED, header == null || header.isBlank()
                    ? "missing bearer token: send 'Authorization: Bearer <token>'" : "invalid bearer token");
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private Optional<Caller> authenticate(HttpServletRequest request) {
        for (Authenticator authenticator : authenticators.get()) {
            Optional<Caller> caller = authenticator.authenticate(request);
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }

    private void reject(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"berth\"");
        } else {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        jsonMapper.writeValue(response.getOutputStream(),
                new ApiError(status.value(), status.getReasonPhrase(), message, List.of()));
    }
}
