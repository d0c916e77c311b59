package io.berth.app.instances;

import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Clusters and the Docker hosts registered in them. */
@RestController
@RequestMapping("/v1/clusters")
class InstanceController {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}");

    private final InstanceRegistration registration;
    private final DesiredStateWrites writes;

    InstanceController(InstanceRegistration registration, DesiredStateWrites writes) {
        this.registration = registration;
        this.writes = writes;
    }

    /** Creates a cluster (like ECS create-cluster); creating one that exists is fine. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createCluster(@RequestBody Map<String, String> body) {
        String name = body.get("name");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ManifestValidationException(List.of(new FieldError("name",
                    "must be 1-255 letters, digits, '-' or '_', starting with a letter or digit")));
        }
        synchronized (this) {
            writes.ensureCluster(name);
        }
        return Map.of("name", name);
    }

    @PostMapping("/{cluster}/container-instances")
    @ResponseStatus(HttpStatus.CREATED)
    ContainerInstanceView register(@PathVariable String cluster, @RequestBody InstanceRegistrationRequest request) {
        return registration.register(cluster, request);
    }

    /** {@code {"status": "DRAINING"}} or {@code {"status": "ACTIVE"}}. */
    @PutMapping("/{cluster}/container-instances/{id}/status")
    ContainerInstanceView setStatus(@PathVariable String cluster, @PathVariable String id,
                                    @RequestBody Map<String, String> body) {
        return registration.setStatus(cluster, parseId(id), body.get("status"));
    }

    @DeleteMapping("/{cluster}/container-instances/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deregister(@PathVariable String cluster, @PathVariable String id,
                    @RequestParam(defaultValue = "false") boolean force) {
        registration.deregister(cluster, parseId(id), force);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no container instance " + id);
        }
    }
}
