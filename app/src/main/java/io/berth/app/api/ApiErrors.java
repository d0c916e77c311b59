package io.berth.app.api;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The API's non-field errors. ResponseStatusException is an ErrorResponse, which
 * {@code ApiExceptionHandler} already turns into an ApiError with the status and this message.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static ResponseStatusException notFound(String message) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
    }

    static ResponseStatusException conflict(String message) {
        return new ResponseStatusException(HttpStatus.CONFLICT, message);
    }

    static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }

    static ResponseStatusException unsupportedMediaType(String message) {
        return new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, message);
    }

    static ResponseStatusException gatewayTimeout(String message) {
        return new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, message);
    }

    static ResponseStatusException clusterNotFound(String cluster) {
        return notFound("cluster \"" + cluster + "\" not found");
    }

    static ResponseStatusException serviceNotFound(String cluster, String name) {
        return notFound("service \"" + name + "\" not found in cluster \"" + cluster + "\"");
    }
}
