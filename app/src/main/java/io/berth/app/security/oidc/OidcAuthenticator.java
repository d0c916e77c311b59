package io.berth.app.security.oidc;

import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code Authorization: Bearer <JWT>} from the configured OpenID Connect provider. A bearer value that is not
 * shaped like a JWT (an API token, the admin token) is left to the other authenticators; one that is, but does not
 * verify, is refused with the reason (never the token). A verified token names the caller
 * {@code oidc:<username claim>} and maps its groups to roles and clusters; a token whose groups map to no role
 * gives a caller without roles, whom authorization then refuses (403), so that "who are you" and "what may you do"
 * stay apart in the answers.
 */
public final class OidcAuthenticator implements Authenticator {

    private static final String SCHEME = "Bearer ";
    /** Header, payload, signature: base64url each; the signature is empty in an unsecured ({@code alg: none}) JWT. */
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    static final int MAX_USERNAME = 256;
    private static final String SPRING_PREFIX = "An error occurred while attempting to decode the Jwt: ";

    private final JwtDecoder decoder;
    private final String usernameClaim;
    private final String groupsClaim;
    private final GroupMapping groups;

    OidcAuthenticator(JwtDecoder decoder, String usernameClaim, String groupsClaim, GroupMapping groups) {
        this.decoder = decoder;
        this.usernameClaim = usernameClaim;
        this.groupsClaim = groupsClaim;
        this.groups = groups;
    }

    @Override
    public Optional<Caller> authenticate(HttpServletRequest request) {
        String token = bearer(request);
        if (token == null || !looksLikeJwt(token)) {
            return Optional.empty();
        }
        Jwt jwt = decode(token);
        String username = username(jwt);
        GroupMapping.Grant grant = groups.grant(groups(jwt));
        return Optional.of(new Caller("oidc:" + username, Caller.Source.OIDC, grant.roles(), grant.clusters()));
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return header.substring(SCHEME.length()).strip();
    }

    /** Three base64url parts whose first decodes to a JSON object: a JOSE header. */
    static boolean looksLikeJwt(String token) {
        if (!JWT_SHAPE.matcher(token).matches()) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8).strip();
            return header.startsWith("{") && header.endsWith("}");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Jwt decode(String token) {
        try {
            return decoder.decode(token);
        } catch (JwtValidationException e) {
            String reasons = e.getErrors().stream().map(OAuth2Error::getDescription)
                    .map(reason -> withoutToken(reason, token)).collect(Collectors.joining("; "));
            throw new BadCredentialsException("OIDC token rejected: " + reasons);
        } catch (BadJwtException e) {
            throw new BadCredentialsException("OIDC token rejected: " + withoutToken(reason(e), token));
        } catch (LazyJwtDecoder.ProviderUnavailableException e) {
            throw new BadCredentialsException("OIDC token cannot be verified now: " + withoutToken(e.getMessage(), token));
        } catch (JwtException e) {
            // Keys that could not be fetched, or a key that would not verify: the provider's side, not the token's.
            throw new BadCredentialsException("OIDC token cannot be verified now (the provider's keys could not "
                    + "be used): " + withoutToken(reason(e), token));
        }
    }

    private static String reason(JwtException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith(SPRING_PREFIX) ? message.substring(SPRING_PREFIX.length()) : message;
    }

    /** Library messages carry no token today; this keeps it so should one ever quote a part of it. */
    private static String withoutToken(String message, String token) {
        if (message == null || message.isBlank()) {
            return "invalid token";
        }
        for (String part : token.split("\\.")) {
            if (part.length() >= 8 && message.contains(part)) {
                return "invalid token";
            }
        }
        return message;
    }

    private String username(Jwt jwt) {
        Object value = jwt.getClaims().get(usernameClaim);
        if (!(value instanceof String username) || username.isBlank()) {
            throw new BadCredentialsException("OIDC token rejected: it has no '" + usernameClaim
                    + "' claim to name the caller (berth.security.oidc.username-claim)");
        }
        // The name goes into the audit trail and logs: one line, of a sane length.
        if (username.length() > MAX_USERNAME || username.chars().anyMatch(Character::isISOControl)) {
            throw new BadCredentialsException("OIDC token rejected: its '" + usernameClaim + "' claim is longer than "
                    + MAX_USERNAME + " characters or holds control characters");
        }
        return username;
    }

    /** A list of strings, or one string (some providers send a single group so); anything else is no groups. */
    private List<String> groups(Jwt jwt) {
        Object value = jwt.getClaims().get(groupsClaim);
        if (value instanceof String group) {
            return List.of(group);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
