package io.berth.app.watch;

import io.berth.app.web.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /v1/watch}: Server-Sent Events of service, deployment and task changes and service events.
 * Errors found before the stream starts are answered as JSON, like every other API error.
 */
@RestController
@Tag(name = "watch", description = "A resumable stream of changes, for GitOps pipelines and CLIs")
public class WatchController {

    private final WatchStreams streams;

    public WatchController(WatchStreams streams) {
        this.streams = streams;
    }

    @GetMapping("/v1/watch")
    @Operation(summary = "Stream changes as Server-Sent Events",
            description = "Events `service`, `deployment`, `task`, `event` (a service event), `instance`, `target` "
                    + "and `endpoints` (a service's healthy tasks changed), each with `id:` its "
                    + "position. First comes `sync` (the current position; nothing before it is sent) or, when resuming "
                    + "from a position whose changes were pruned, `reset` (re-read the state). Comment lines are "
                    + "heartbeats. Resume with the `Last-Event-ID` header or `?since=POSITION`.")
    public ResponseEntity<?> watch(
            @Parameter(description = "only this cluster's changes") @RequestParam(required = false) String cluster,
            @Parameter(description = "only this service's changes (by name)") @RequestParam(required = false) String service,
            @Parameter(description = "resume after this position (wins over Last-Event-ID)") @RequestParam(required = false) String since,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Long position;
        try {
            position = position(since, lastEventId);
        } catch (IllegalArgumentException e) {
            String field = since != null ? "since" : "Last-Event-ID";
            return error(HttpStatus.BAD_REQUEST, "invalid " + field, List.of(new ApiError.FieldMessage(field, e.getMessage())));
        }
        try {
            return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no")
                    .body(streams.open(new WatchFilter(blankToNull(cluster), blankToNull(service)), position));
        } catch (TooManyWatchersException e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), List.of());
        }
    }

    /** {@code ?since=} wins over the header (a client that asks for a position means it); null = from now on. */
    static Long position(String since, String lastEventId) {
        String text = since != null ? since : lastEventId;
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new IllegalArgumentException("must be a position >= 0, got \"" + text + "\"");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a position (a whole number from an event's id), got \"" + text + "\"");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message, List<ApiError.FieldMessage> fields) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), status.getReasonPhrase(), message, fields));
    }
}
