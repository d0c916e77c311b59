package io.berth.app.web;

/**
 * A request body went past {@code berth.api.max-body-size}. Unchecked, so that it passes through the message
 * converters and Jackson unchanged and {@link ApiExceptionHandler} can find it in the cause chain.
 */
public class RequestBodyTooLargeException extends RuntimeException {

    public RequestBodyTooLargeException(long limit) {
        super("request body is larger than berth.api.max-body-size (" + limit + " bytes)");
    }
}
