package io.berth.app.api;

import io.berth.app.api.dto.ClusterView;
import io.berth.app.api.dto.ClusterPolicyView;
import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.app.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.berth.app.web.ApiLimits;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

@RestController
@RequestMapping(path = "/v1/clusters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "clusters", description = "Clusters and their Docker hosts")
public class ClusterController {

    private final ClusterViews views;
    private final ClusterPolicies policies;

    private final ApiLimits api;

    public ClusterController(ClusterViews views, ClusterPolicies policies, ApiLimits api) {
        this.api = api;
        this.views = views;
        this.policies = policies;
    }

    @GetMapping("/{cluster}/policy")
    @Operation(summary = "What task definitions may ask of this cluster's hosts (default: nothing)")
    public ClusterPolicyView policy(@PathVariable String cluster) {
        return policies.get(cluster);
    }

    @PutMapping(path = "/{cluster}/policy", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the cluster's policy: allowPrivileged, allowedCapabilities, allowHostNetwork, "
            + "allowHostPaths, allowLowHostPorts, allowUnconfined, allowExec (absent = false / none), allowedVolumeDrivers (absent = [local]), "
            + "allowRootUser (absent = true), allowedRegistries (absent or empty = any)")
    public ClusterPolicyView replacePolicy(@PathVariable String cluster, @RequestBody ClusterPolicyView policy) {
        return policies.replace(cluster, policy);
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ApiError> invalidField(InvalidFieldException e) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(),
                "request is invalid: " + e.field() + " " + e.getMessage(),
                List.of(new ApiError.FieldMessage(e.field(), e.getMessage()))));
    }

    @GetMapping
    @Operation(summary = "List clusters with their active services, running tasks and registered instances, by name",
            description = "Paged: at most `limit` clusters (default berth.api.default-page-size); when there are more, the "
                    + "Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<ClusterView>> clusters(
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.page(PageRequest.parse(limit, continueToken, api)).response();
    }

    @GetMapping("/{cluster}/container-instances")
    @Operation(summary = "List a cluster's container instances (Docker hosts) with their capacity, oldest first",
            description = "Paged: at most `limit` instances (default berth.api.default-page-size); when there are more, the "
                    + "Berth-Continue response header holds the token to pass as `continue`.")
    public ResponseEntity<List<ContainerInstanceView>> containerInstances(
            @PathVariable String cluster,
            @Parameter(description = "Items per page, 1 to berth.api.max-page-size (1000)")
            @RequestParam(required = false) String limit,
            @Parameter(description = "The Berth-Continue header of the previous page: the page after it")
            @RequestParam(name = "continue", required = false) String continueToken) {
        return views.containerInstances(cluster, PageRequest.parse(limit, continueToken, api)).response();
    }
}
