package io.berth.app.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers — requests it refuses before any filter or Spring sees them: a request line or
 * headers larger than {@code server.max-http-request-header-size}, a malformed request line, an encoded slash —
 * as the API's JSON error ({@link ApiError}) instead of Tomcat's HTML page. Errors that reach Spring are answered
 * by {@link ApiExceptionHandler} and written before this valve runs, which then leaves them alone.
 *
 * <p>Instantiated by Tomcat's host from its class name: public, with a no-argument constructor.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // Nothing to add to an answer that is no error, was written already, or was reported.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is broken: nobody would read it
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        String message = response.getMessage();
        if ((message == null || message.isBlank()) && throwable != null) {
            message = throwable.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = reason;
        }
        if (status == 400) {
            message += " (the request was refused before it was read: a malformed request line or headers, or "
                    + "ones larger than server.max-http-request-header-size)";
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(new ApiError(status, reason, message, List.of())));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written: nothing more to do, as in Tomcat's own valve.
        }
    }
}
