package io.berth.app.api;

import io.berth.app.api.dto.AuditEventView;
import io.berth.app.manifest.DurationText;
import io.berth.app.web.ApiLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /v1/audit}: who did what, when, from where. Read only: there is no way to change or delete an event
 * through the API (the retention job is the only delete). Admin only once roles exist; today every authenticated
 * caller holds the admin token.
 */
@RestController
@Tag(name = "audit", description = "The audit trail of mutating requests")
public class AuditController {

    private final AuditViews views;
    private final ApiLimits api;
    private final Clock clock;

    AuditController(AuditViews views, ApiLimits api, Clock clock) {
        this.views = views;
        this.api = api;
        this.clock = clock;
    }

    @GetMapping(path = "/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List audit events, newest first",
            description = "Every mutating request (refused ones too) and every followed log stream. Paged like the "
                    + "other lists: the Berth-Continue response header holds the token of the next page.")
    public ResponseEntity<List<AuditEventView>> audit(
            @Parameter(description = "Only events at or after an instant (2026-01-01T10:00:00Z) or a duration ago (1h)")
            @RequestParam(required = false) String since,
            @Parameter(description = "Only events before an instant or a duration ago")
            @RequestParam(required = false) String until,
            @Parameter(description = "Only events of this caller (anonymous for refused unauthenticated requests)")
            @RequestParam(required = false) String who,
            @Parameter(description = "Only events on this resource kind: services, tasks, apply, credentials, ...")
            @RequestParam(required = false) String resource,
            @Parameter(description = "Only events in this cluster") @RequestParam(required = false) String cluster,
            @Parameter(description = "Events per page, 1 to berth.api.max-page-size")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        PageRequest page = PageRequest.parse(limit, continueToken, api);
        return views.page(instant("since", since), instant("until", until), blankToNull(who), blankToNull(resource),
                blankToNull(cluster), page).response();
    }

    private Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return clock.instant().minus(DurationText.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                throw ApiErrors.badRequest(field + " must be an instant (2026-01-01T10:00:00Z) or a duration (1h), got \""
                        + text + "\"");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
