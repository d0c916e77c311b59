package io.berth.app.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The {@code continue} token of a list page (as Kubernetes' list continue): opaque to clients, it holds the key
 * ({@code createdAt}, {@code id}; or the name, for lists by name) of the page's last item, and the next page starts
 * after that key. Stateless, so
 * any Berth on the database can answer it, and an item created meanwhile does not shift the pages.
 */
record ContinueToken(Instant createdAt, UUID id) {

    private static final String NAME_PREFIX = "name|";

    String encode() {
        return encode(createdAt + "|" + id);
    }

    /** The token of a list ordered by a unique name: the next page starts after {@code name}. */
    static String encodeName(String name) {
        return encode(NAME_PREFIX + name);
    }

    /** @throws org.springframework.web.server.ResponseStatusException 400 naming {@code continue} */
    static String decodeName(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(NAME_PREFIX)) {
                return text.substring(NAME_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw invalid();
    }

    /** The token of a list ordered by a number (a family's revisions): the next page starts after {@code n}. */
    static String encodeNumber(int n) {
        return encodeName(Integer.toString(n));
    }

    /** @throws org.springframework.web.server.ResponseStatusException 400 naming {@code continue} */
    static int decodeNumber(String token) {
        String text = decodeName(token);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static org.springframework.web.server.ResponseStatusException invalid() {
        return ApiErrors.badRequest("continue is not a token this list answered (pass the Berth-Continue header "
                + "of the previous page unchanged)");
    }

    /** @throws org.springframework.web.server.ResponseStatusException 400 naming {@code continue} */
    static ContinueToken decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no key");
            }
            return new ContinueToken(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }
}
