package io.berth.app.api;

import io.berth.app.api.dto.ClusterView;
import io.berth.app.api.dto.ContainerInstanceView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/v1/clusters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "clusters", description = "Clusters and their Docker hosts")
public class ClusterController {

    private final ClusterViews views;

    public ClusterController(ClusterViews views) {
        this.views = views;
    }

    @GetMapping
    @Operation(summary = "List clusters with their active services, running tasks and registered instances")
    public List<ClusterView> clusters() {
        return views.list();
    }

    @GetMapping("/{cluster}/container-instances")
    @Operation(summary = "List a cluster's container instances (Docker hosts) with their capacity")
    public List<ContainerInstanceView> containerInstances(@PathVariable String cluster) {
        return views.containerInstances(cluster);
    }
}
