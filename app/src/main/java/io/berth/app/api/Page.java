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

    ResponseEntity<List<T>> response() {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (next != null) {
            ok.header(CONTINUE_HEADER, next);
        }
        return ok.body(items);
    }
}
