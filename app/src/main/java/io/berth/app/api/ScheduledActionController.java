package io.berth.app.api;

import io.berth.app.api.dto.ScheduledActionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Services' scheduled scaling actions (autoScaling.scheduled), as describe-scheduled-actions shows them. */
@RestController
@Tag(name = "scheduled-actions", description = "Scheduled scaling actions of services, applied as manifests")
public class ScheduledActionController {

    private final ScheduledActionViews views;

    public ScheduledActionController(ScheduledActionViews views) {
        this.views = views;
    }

    @GetMapping(path = "/v1/clusters/{cluster}/services/{name}/scheduled-actions",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A service's scheduled scaling actions: schedule, time zone, the minCount and maxCount each "
            + "sets, last and next firing, and the range in force")
    public List<ScheduledActionView> ofService(@PathVariable String cluster, @PathVariable String name) {
        return views.ofService(cluster, name);
    }

    @GetMapping(path = "/v1/clusters/{cluster}/scheduled-actions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The scheduled scaling actions of every service of a cluster, by service (at most 1000 "
            + "services)")
    public List<ScheduledActionView> ofCluster(@PathVariable String cluster) {
        return views.ofCluster(cluster);
    }
}
