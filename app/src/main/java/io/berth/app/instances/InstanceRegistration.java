package io.berth.app.instances;

import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.app.api.dto.ContainerInstanceView;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.EngineInfo;
import io.berth.app.manifest.ReservedPorts;
import io.berth.reconciler.desiredstate.ContainerInstanceWrite;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.ContainerInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Registers and deregisters Docker hosts. A host is asked about itself before it is stored, so a wrong
 * endpoint or certificate is an error now rather than a disconnected instance later; only endpoints and certificate
 * folders that {@link InstanceSettings} allows are connected to or read at all.
 */
@Service
public class InstanceRegistration {

    private final ContainerInstanceRepository instances;
    private final EngineConnections connections;
    private final EngineRegistry registry;
    private final ReconcileNotifier notifier;
    private final InstanceViews views;
    private final DesiredStateWrites writes;
    private final EndpointPolicy policy;

    InstanceRegistration(ContainerInstanceRepository instances, EngineConnections connections, EngineRegistry registry,
                         ReconcileNotifier notifier, InstanceViews views, DesiredStateWrites writes,
                         EndpointPolicy policy) {
        this.policy = policy;
        this.instances = instances;
        this.connections = connections;
        this.registry = registry;
        this.notifier = notifier;
        this.views = views;
        this.writes = writes;
    }

    ContainerInstanceView register(String cluster, InstanceRegistrationRequest request) {
        views.requireCluster(cluster);
        validate(request);
        String endpoint = request.endpoint();
        String certPath = request.tlsCertPath();
        DockerEngine engine;
        EngineInfo info;
        try {
            engine = connections.connect(endpoint, certPath);
        } catch (EngineException | IllegalArgumentException e) {
            // Our own configuration (the certificate folder, the endpoint's form): safe and useful to show.
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "cannot reach a Docker engine at " + endpoint + ": " + e.getMessage());
        }
        try {
            info = engine.info();
        } catch (RuntimeException e) {
            engine.close();
            // Not what the other side said: registration must not be a way to read foreign services' answers.
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "cannot reach a Docker engine at " + endpoint + ": " + EndpointPolicy.couldNotConnect(e));
        }
        UUID id = writes.applyContainerInstance(new ContainerInstanceWrite(cluster, endpoint, certPath, info,
                request.attributes() == null ? Map.of() : request.attributes(), null,
                ReservedPorts.stored(request.reservedPorts()), null));
        registry.register(id, engine);
        notifier.instanceChanged(id);
        notifier.everythingChanged(); // daemon services start their task there; waiting replicas find room
        return views.view(instances.findById(id).orElseThrow());
    }

    /**
     * ACTIVE or DRAINING. Draining stops new placements there and makes every service of the cluster move its tasks
     * off it (within its rollout bounds); one-off tasks run to completion. Setting ACTIVE again ends the drain.
     */
    public ContainerInstanceView setStatus(String cluster, UUID id, String status) {
        InstanceStatus target = parseSettableStatus(status, "status");
        ContainerInstanceEntity row = find(cluster, id);
        if (row.getStatus() == InstanceStatus.INACTIVE) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "container instance " + id
                    + " is deregistered (INACTIVE); register it again to use it");
        }
        writes.setContainerInstanceStatus(id, ContainerInstance.InstanceStatus.valueOf(target.name()));
        notifier.everythingChanged(); // every service of the cluster looks again: tasks to move, or room again
        return views.view(instances.findById(id).orElseThrow());
    }

    /** @throws ManifestValidationException unless ACTIVE or DRAINING (INACTIVE is what deregistering does) */
    static InstanceStatus parseSettableStatus(String status, String field) {
        if ("ACTIVE".equals(status)) {
            return InstanceStatus.ACTIVE;
        }
        if ("DRAINING".equals(status)) {
            return InstanceStatus.DRAINING;
        }
        throw new ManifestValidationException(List.of(new FieldError(field, "must be ACTIVE or DRAINING, got "
                + (status == null ? "nothing" : "\"" + status + "\"") + " (deregister the instance to make it INACTIVE)")));
    }

    private ContainerInstanceEntity find(String cluster, UUID id) {
        return instances.findById(id).filter(i -> i.getCluster().equals(cluster))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "container instance " + id + " not found in cluster \"" + cluster + "\""));
    }

    /**
     * Refused while tasks run there unless forced (they are then left to be found lost and replaced); the tasks are
     * counted in the write's transaction ({@link DesiredStateWrites#deregisterContainerInstance}).
     */
    void deregister(String cluster, UUID id, boolean force) {
        find(cluster, id);
        int running = writes.deregisterContainerInstance(id, force);
        if (running > 0 && !force) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "container instance " + id + " still has "
                    + running + " tasks; drain it first or deregister with force=true");
        }
        registry.unregister(id);
        notifier.everythingChanged(); // daemon services count one instance fewer
    }

    private void validate(InstanceRegistrationRequest r) {
        List<FieldError> errors = new ArrayList<>();
        String endpoint = r.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            errors.add(new FieldError("endpoint", "is required"));
        } else if (!endpoint.startsWith("unix://") && !endpoint.startsWith("tcp://")) {
            errors.add(new FieldError("endpoint", "must be unix:///path or tcp://host:port, got \"" + endpoint + "\""));
        } else if (!policy.checkEndpoint(endpoint, "endpoint").isEmpty()) {
            errors.addAll(policy.checkEndpoint(endpoint, "endpoint"));
        } else if (endpoint.startsWith("tcp://") && r.tlsCertPath() == null && !Boolean.TRUE.equals(r.allowInsecure())) {
            errors.add(new FieldError("tlsCertPath", "is required for a tcp:// endpoint: plain tcp lets anyone on the "
                    + "network drive the engine (set allowInsecure: true to register it anyway, flagged insecure)"));
        }
        if (r.tlsCertPath() != null) {
            if (endpoint != null && endpoint.startsWith("unix://")) {
                errors.add(new FieldError("tlsCertPath", "applies to tcp:// endpoints only"));
            }
            errors.addAll(policy.checkCertPath(r.tlsCertPath(), "tlsCertPath"));
        }
        if (r.reservedPorts() != null) {
            errors.addAll(r.reservedPorts().errors("reservedPorts"));
        }
        if (!errors.isEmpty()) {
            throw new ManifestValidationException(errors);
        }
    }
}
