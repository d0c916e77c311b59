package io.berth.app.api;

import io.berth.app.api.dto.LoadBalancerView;
import io.berth.app.api.dto.TargetGroupView;
import io.berth.app.api.dto.TargetHealthView;
import io.berth.reconciler.pass.TargetHealthReader;
import io.berth.app.web.ApiLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/v1/clusters/{cluster}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "traffic", description = "Target groups and load balancers (ELBv2 semantics), applied as manifests")
public class TrafficController {

    private final TrafficViews views;
    private final TrafficDeletion deletion;
    private final ApiLimits api;
    private final io.berth.app.wakeups.ReconcileNotifier notifier;
    private final TargetHealthReader health;

    public TrafficController(TrafficViews views, TrafficDeletion deletion, ApiLimits api,
                             io.berth.app.wakeups.ReconcileNotifier notifier, TargetHealthReader health) {
        this.health = health;
        this.notifier = notifier;
        this.views = views;
        this.deletion = deletion;
        this.api = api;
    }

    @GetMapping("/target-groups")
    @Operation(summary = "List a cluster's target groups by name",
            description = "Paged: at most `limit` (default berth.api.default-page-size); when there are more, the "
                    + "Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<TargetGroupView>> targetGroups(
            @PathVariable String cluster,
            @Parameter(description = "Target groups per page, 1 to berth.api.max-page-size")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.targetGroups(cluster, PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/target-groups/{name}")
    @Operation(summary = "Describe a target group")
    public TargetGroupView targetGroup(@PathVariable String cluster, @PathVariable String name) {
        return views.targetGroup(cluster, name);
    }

    @DeleteMapping("/target-groups/{name}")
    @Operation(summary = "Delete a target group no load balancer or service names")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "409", description = "A load balancer's listener or a service still names it")
    public ResponseEntity<Void> deleteTargetGroup(@PathVariable String cluster, @PathVariable String name) {
        deletion.deleteTargetGroup(cluster, name);
        notifier.trafficChanged(cluster);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/target-groups/{name}/targets")
    @Operation(summary = "The target group's targets and their health as HAProxy's own checks report it",
            description = "Like ELBv2's describe-target-health: each RUNNING task registered in the group, with "
                    + "state initial | healthy | unhealthy | draining | unused | unavailable, reason and description.")
    public List<TargetHealthView> targets(@PathVariable String cluster, @PathVariable String name) {
        views.find(cluster, io.berth.db.model.TrafficKind.TARGET_GROUP, name, "target group");
        return health.describe(cluster, name).stream().map(t -> new TargetHealthView(
                new TargetHealthView.Target(t.taskId(), t.instanceId().toString(), t.port()),
                new TargetHealthView.Health(t.health().state(), t.health().reason(), t.health().description())))
                .toList();
    }

    @GetMapping("/load-balancers")
    @Operation(summary = "List a cluster's load balancers by name",
            description = "Paged like target groups.")
    public ResponseEntity<List<LoadBalancerView>> loadBalancers(
            @PathVariable String cluster,
            @Parameter(description = "Load balancers per page, 1 to berth.api.max-page-size")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.loadBalancers(cluster, PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/load-balancers/{name}")
    @Operation(summary = "Describe a load balancer")
    public LoadBalancerView loadBalancer(@PathVariable String cluster, @PathVariable String name) {
        return views.loadBalancer(cluster, name);
    }

    @DeleteMapping("/load-balancers/{name}")
    @Operation(summary = "Delete a load balancer")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public ResponseEntity<Void> deleteLoadBalancer(@PathVariable String cluster, @PathVariable String name) {
        deletion.deleteLoadBalancer(cluster, name);
        notifier.trafficChanged(cluster);
        return ResponseEntity.noContent().build();
    }
}
