package io.berth.app.web;

import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestSyntaxException;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.db.tx.RowKeptChangingException;
import io.berth.reconciler.store.PlacementConflictException;
import io.berth.reconciler.pass.ClusterBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;

/**
 * Turns exceptions into {@link ApiError} bodies: 400 for bodies that cannot be read, 422 for well-formed
 * requests that break the rules, 409 for writes that kept colliding with concurrent ones, Spring's own status for its
 * web exceptions, 413 for bodies past the cap, 429 for capped resources in full use, 500 (logged) for the rest.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ManifestSyntaxException.class)
    ResponseEntity<ApiError> syntax(ManifestSyntaxException e) {
        return respond(HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
    }

    @ExceptionHandler(ManifestValidationException.class)
    ResponseEntity<ApiError> validation(ManifestValidationException e) {
        List<ApiError.FieldMessage> fields = e.errors().stream()
                .map(ApiExceptionHandler::fieldMessage)
                .toList();
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, "manifest is invalid: " + e.getMessage(), fields);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> beanValidation(MethodArgumentNotValidException e) {
        List<ApiError.FieldMessage> fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiError.FieldMessage(f.getField(), f.getDefaultMessage()))
                .toList();
        return respond(HttpStatus.UNPROCESSABLE_CONTENT, "request is invalid", fields);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (tooLarge(e) != null) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, tooLarge(e).getMessage(), List.of());
        }
        return respond(HttpStatus.BAD_REQUEST, "request body is unreadable: " + e.getMostSpecificCause().getMessage(),
                List.of());
    }

    /** A read-change-save of a row (a container instance's status) collided with other writers every time. */
    @ExceptionHandler(RowKeptChangingException.class)
    ResponseEntity<ApiError> keptChanging(RowKeptChangingException e) {
        return respond(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    /** run-task lost the claim on its instances to other placements every time it tried: nothing was stored. */
    @ExceptionHandler(PlacementConflictException.class)
    ResponseEntity<ApiError> placementConflict(PlacementConflictException e) {
        return respond(HttpStatus.CONFLICT, "other placements kept claiming the chosen container instances first ("
                + e.getMessage() + "); nothing was started, try again", List.of());
    }

    /** run-task waited its bound for the cluster's placement lock (another placement held it): nothing was stored. */
    @ExceptionHandler(ClusterBusyException.class)
    ResponseEntity<ApiError> clusterBusy(ClusterBusyException e) {
        return respond(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; nothing was started, try again", List.of());
    }

    /** A query parameter or path variable of the wrong type ({@code tail=abc}, {@code wait=maybe}): 400 naming it. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "of another type"
                : type == Boolean.class || type == boolean.class ? "true or false"
                : Number.class.isAssignableFrom(type) || type == int.class || type == long.class ? "a whole number"
                : "a " + type.getSimpleName();
        return respond(HttpStatus.BAD_REQUEST, e.getName() + " must be " + expected + ", got \"" + e.getValue() + "\"",
                List.of());
    }

    /** A capped resource is in full use: the client should come back later, not treat it as a failure. */
    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ApiError> tooMany(TooManyRequestsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(new ApiError(429, HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(), e.getMessage(), List.of()));
    }

    /** Spring MVC's own exceptions (404, 405, 415, ...) carry their status and a safe detail. */
    /**
     * The client of a stream (watch, followed logs) went away: the container reports it as an error of the async
     * request. Nobody is left to answer, and it is no failure of Berth: not logged as one, nothing written (a JSON
     * error into an event stream's response would fail a second time).
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("client went away: {}", e.toString());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e) {
        // The body cap trips inside whatever reads the body (a converter, Jackson), which may wrap it.
        RequestBodyTooLargeException tooLarge = tooLarge(e);
        if (tooLarge != null) {
            return respond(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), List.of());
        }
        if (DatabaseUnavailable.isCause(e)) {
            // Not the request's fault and not a bug: a client (a GitOps pipeline, the CLI) should wait and retry.
            log.warn("Request failed: the database is unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()))
                    .body(new ApiError(503, HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase(),
                            "the database is unavailable; nothing was changed by this request, retry later", List.of()));
        }
        if (DatabaseBusy.isCause(e)) {
            log.warn("Request failed: the database gave up on a statement (timeout, lock wait, conflict): {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()))
                    .body(new ApiError(503, HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase(),
                            "the database is busy (a statement or lock wait timed out, or a conflicting write); nothing "
                                    + "was changed by this request, retry later", List.of()));
        }
        if (e instanceof ErrorResponse response) {
            String detail = response.getBody().getDetail();
            return respond(response.getStatusCode(), detail == null ? e.getMessage() : detail, List.of());
        }
        log.error("Request failed", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the server log", List.of());
    }

    private static RequestBodyTooLargeException tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static ApiError.FieldMessage fieldMessage(FieldError error) {
        return new ApiError.FieldMessage(error.path(), error.message());
    }

    static ResponseEntity<ApiError> respond(HttpStatusCode status, String message, List<ApiError.FieldMessage> fields) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String reason = known == null ? "HTTP " + status.value() : known.getReasonPhrase();
        return ResponseEntity.status(status).body(new ApiError(status.value(), reason, message, fields));
    }
}
