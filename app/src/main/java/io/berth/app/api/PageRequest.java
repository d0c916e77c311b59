package io.berth.app.api;

import io.berth.app.web.ApiLimits;

/**
 * The {@code limit} and {@code continue} query parameters of a list.
 *
 * @param limit items per page, 1..{@code berth.api.max-page-size}
 * @param token the {@code continue} token: the page starts after the key it holds; null = the first page
 */
record PageRequest(int limit, String token) {

    /** The key of a task list token ({@code createdAt}, {@code id}); null on the first page. */
    ContinueToken after() {
        return token == null ? null : ContinueToken.decode(token);
    }

    /** The key of a by-name list token (the last name of the previous page); null on the first page. */
    String afterName() {
        return token == null ? null : ContinueToken.decodeName(token);
    }

    /** The key of a by-number list token; null on the first page. */
    Integer afterNumber() {
        return token == null ? null : ContinueToken.decodeNumber(token);
    }

    /** The limit to read with: one more than the page, to tell whether there is a next page. */
    org.springframework.data.domain.Limit probe() {
        return org.springframework.data.domain.Limit.of(limit + 1);
    }

    /** @throws org.springframework.web.server.ResponseStatusException 400 naming {@code limit} or {@code continue} */
    static PageRequest parse(String limit, String token, ApiLimits api) {
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
        return new PageRequest(size, token == null || token.isBlank() ? null : token);
    }
}
