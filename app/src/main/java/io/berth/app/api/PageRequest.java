package io.berth.app.api;

import io.berth.app.web.ApiProperties;

/**
 * The {@code limit} and {@code continue} query parameters of a list.
 *
 * @param limit items per page, 1..{@code berth.api.max-page-size}
 * @param after where the page starts: after this key; null = the first page
 */
record PageRequest(int limit, ContinueToken after) {

    /** @throws org.springframework.web.server.ResponseStatusException 400 naming {@code limit} or {@code continue} */
    static PageRequest parse(String limit, String token, ApiProperties api) {
        int size = api.defaultPageSize();
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1 || size > api.maxPageSize()) {
                throw ApiErrors.badRequest("limit must be a whole number from 1 to " + api.maxPageSize()
                        + " (berth.api.max-page-size), got \"" + limit + "\"");
            }
        }
        return new PageRequest(size, token == null || token.isBlank() ? null : ContinueToken.decode(token));
    }
}
