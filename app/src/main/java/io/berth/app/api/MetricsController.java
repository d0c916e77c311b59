package io.berth.app.api;

import io.berth.app.api.dto.ServiceMetricsView;
import io.berth.app.api.dto.TaskMetricsView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What running tasks use, sampled from their engines: per service (ECS's CPUUtilization) and per task. */
@RestController
@Tag(name = "metrics", description = "CPU and memory utilisation of services and tasks")
public class MetricsController {

    private final MetricsViews views;

    public MetricsController(MetricsViews views) {
        this.views = views;
    }

    @GetMapping(path = "/v1/clusters/{cluster}/services/{name}/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A service's CPU and memory utilisation over the metrics window, in percent of its tasks' "
            + "reservations (cpu units: 1024 = one core), with each task's figures")
    public ServiceMetricsView service(@PathVariable String cluster, @PathVariable String name) {
        return views.service(cluster, name);
    }

    @GetMapping(path = "/v1/clusters/{cluster}/task-metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every sampled running task of a cluster with its CPU and memory utilisation (at most 1000)")
    public List<TaskMetricsView> tasks(@PathVariable String cluster) {
        return views.tasks(cluster);
    }
}
