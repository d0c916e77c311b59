package io.berth.app.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * The {@code continue} token of a list page (as Kubernetes' list continue): opaque to clients, it holds the key
 * ({@code createdAt}, {@code id}) of the page's last item, and the next page starts after that key. Stateless, so
 * any Berth on the database can answer it, and an item created meanwhile does not shift the pages.
 */
record ContinueToken(Instant createdAt, UUID id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
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
            throw ApiErrors.badRequest("continue is not a token this list answered (pass the Berth-Continue header "
                    + "of the previous page unchanged)");
        }
    }
}
