package io.berth.app.api;

import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * One page of a list. The body stays the bare JSON array it always was; the token of the next page, if there is
 * one, travels in the {@value #CONTINUE_HEADER} response header.
 *
 * @param next the {@code continue} token of the next page; null = this is the last page
 */
record Page<T>(List<T> items, String next) {

    static final String CONTINUE_HEADER = "Berth-Continue";

    /**
     * The page of {@code rows}, read with a limit of {@code limit + 1}: the extra row only tells that there is a next
     * page, whose token is made from the page's last row.
     */
    static <E, T> Page<T> of(List<E> rows, int limit, java.util.function.Function<E, T> view,
                             java.util.function.Function<E, String> token) {
        boolean more = rows.size() > limit;
        List<E> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(page.stream().map(view).toList(), more ? token.apply(page.getLast()) : null);
    }

    ResponseEntity<List<T>> response() {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (next != null) {
            ok.header(CONTINUE_HEADER, next);
        }
        return ok.body(items);
    }
}
