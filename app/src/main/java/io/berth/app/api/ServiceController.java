package io.berth.app.api;

import io.berth.app.api.dto.ServiceView;
import io.berth.app.web.ApiLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

@RestController
@RequestMapping(path = "/v1/clusters/{cluster}/services", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "services", description = "Services: keep N tasks of a task definition running")
public class ServiceController {

    /** A waiting request holds a server thread, so the wait is bounded. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final ServiceViews views;
    private final ServiceDeletion deletion;
    private final ConcurrencyCaps caps;
    private final ApiLimits api;

    public ServiceController(ServiceViews views, ServiceDeletion deletion, ConcurrencyCaps caps, ApiLimits api) {
        this.views = views;
        this.deletion = deletion;
        this.caps = caps;
        this.api = api;
    }

    @GetMapping
    @Operation(summary = "List a cluster's services (without events), by name",
            description = "Paged: at most `limit` services (default berth.api.default-page-size); when there are "
                    + "more, the Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<ServiceView>> services(
            @PathVariable String cluster,
            @Parameter(description = "Services per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.page(cluster, PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe a service with its task counts and its 50 newest events")
    public ServiceView service(@PathVariable String cluster, @PathVariable String name) {
        return views.get(cluster, name);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a service: it drains (scales to zero), then disappears")
    @ApiResponse(responseCode = "202", description = "Marked DRAINING; the control loop removes it")
    @ApiResponse(responseCode = "200", description = "With wait=true: gone (status INACTIVE)")
    @ApiResponse(responseCode = "429", description = "With wait=true: berth.api.max-concurrent-waits requests already "
            + "wait (Retry-After); nothing was changed")
    @ApiResponse(responseCode = "504", description = "With wait=true: still draining when the timeout passed")
    public ResponseEntity<ServiceView> delete(
            @PathVariable String cluster, @PathVariable String name,
            @Parameter(description = "Answer only once the service is gone")
            @RequestParam(defaultValue = "false") boolean wait,
            @Parameter(description = "How long to wait, e.g. 30s or 2m (at most 5m)")
            @RequestParam(defaultValue = "60s") String timeout) {
        Duration limit = wait ? WaitTimeouts.parse(timeout, MAX_WAIT) : Duration.ZERO;
        if (!wait) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(deletion.delete(cluster, name).view());
        }
        // Taken before the delete, so that a refused wait changes nothing.
        try (ConcurrencyCaps.Permit permit = caps.waiting()) {
            ServiceDeletion.Draining draining = deletion.delete(cluster, name);
            if (!deletion.awaitGone(draining.serviceId(), limit)) {
                throw ApiErrors.gatewayTimeout("service \"" + name + "\" in cluster \"" + cluster
                        + "\" is still draining after " + timeout + "; it will be removed when its tasks have stopped");
            }
            return ResponseEntity.ok(draining.view().deleted());
        }
    }
}
