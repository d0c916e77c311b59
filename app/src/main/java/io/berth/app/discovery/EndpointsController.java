package io.berth.app.discovery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/clusters/{cluster}/services/{name}/endpoints}. */
@RestController
@Tag(name = "discovery", description = "Where a service's healthy tasks are reached (also over DNS)")
public class EndpointsController {

    private final EndpointsReader reader;

    public EndpointsController(EndpointsReader reader) {
        this.reader = reader;
    }

    @GetMapping(path = "/v1/clusters/{cluster}/services/{name}/endpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A service's endpoints: its healthy tasks, their address and published ports",
            description = "Like Kubernetes' Endpoints. A task is listed when its desired and last status are RUNNING "
                    + "and every container with a health check is HEALTHY. `address` is the host of the instance's "
                    + "tcp:// engine endpoint (berth.discovery.local-address for a unix socket); each port mapping "
                    + "gives the host port the engine published it on. Ordered by task id, at most "
                    + "berth.discovery.max-endpoints (`truncated` says so; `total` counts all).")
    @ApiResponse(responseCode = "404", description = "No such cluster or service")
    public EndpointsView endpoints(@PathVariable String cluster, @PathVariable String name) {
        return EndpointsView.of(reader.forApi(cluster, name));
    }
}
