package io.berth.reconciler.store.jpa;

import io.berth.db.model.ClusterEntity;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.InstanceStatus;
import io.berth.db.model.RegistryCredentialEntity;
import io.berth.db.model.SecretEntity;
import io.berth.db.model.SecretId;
import io.berth.db.model.SecretKind;
import io.berth.db.repository.SecretRepository;
import io.berth.reconciler.desiredstate.SecretWrite;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.model.TaskDefinitionStatus;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.model.TrafficKind;
import io.berth.db.model.TrafficResourceEntity;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.db.repository.TrafficResourceRepository;
import io.berth.db.repository.ScheduledTaskRepository;
import io.berth.db.model.ScheduledTaskEntity;
import io.berth.reconciler.desiredstate.ScheduledTaskWrite;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.docker.EngineInfo;
import io.berth.reconciler.desiredstate.ContainerInstanceWrite;
import io.berth.reconciler.desiredstate.DeploymentStart;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.NewService;
import io.berth.reconciler.desiredstate.NewTaskDefinition;
import io.berth.reconciler.desiredstate.ServiceConfiguration;
import io.berth.reconciler.desiredstate.StoredCredential;
import io.berth.reconciler.desiredstate.TrafficResourceWrite;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.TaskDefinitionRef;
import io.berth.reconciler.policy.ClusterPolicy;
import io.berth.reconciler.store.StateStore;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link DesiredStateWrites} over PostgreSQL. Every method runs in {@code tx}, which joins the caller's transaction
 * when there is one, and flushes before it returns.
 */
public final class JpaDesiredStateWrites implements DesiredStateWrites {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final io.berth.reconciler.store.ServiceSpecJson serviceSpecs = new io.berth.reconciler.store.ServiceSpecJson();

    private final TaskDefinitionRepository taskDefinitions;
    private final ServiceRepository services;
    private final DeploymentRepository deployments;
    private final ClusterRepository clusters;
    private final RegistryCredentialRepository credentials;
    private final TrafficResourceRepository traffic;
    private final ScheduledTaskRepository scheduledTasks;
    private final SecretRepository secrets;
    private final ServiceEventLog events;
    private final InstanceRows instances;
    private final StateStore store;
    private final TransactionTemplate tx;
    private final Clock clock;

    /** @param store starts deployments, as the control loop does when it rolls one back */
    public JpaDesiredStateWrites(TaskDefinitionRepository taskDefinitions, ServiceRepository services,
                                 DeploymentRepository deployments, ServiceEventRepository events,
                                 ClusterRepository clusters, RegistryCredentialRepository credentials,
                                 ContainerInstanceRepository instances, TaskRepository tasks, StateStore store,
                                 TransactionTemplate tx, Clock clock, TrafficResourceRepository traffic,
                                 SecretRepository secrets, ScheduledTaskRepository scheduledTasks) {
        this.scheduledTasks = scheduledTasks;
        this.traffic = traffic;
        this.secrets = secrets;
        this.taskDefinitions = taskDefinitions;
        this.services = services;
        this.deployments = deployments;
        this.clusters = clusters;
        this.credentials = credentials;
        this.events = new ServiceEventLog(events);
        this.instances = new InstanceRows(instances, tasks, tx, clock);
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- task definitions ----

    @Override
    public void registerTaskDefinitions(List<NewTaskDefinition> revisions) {
        tx.executeWithoutResult(s -> {
            revisions.forEach(r -> taskDefinitions.save(new TaskDefinitionEntity(r.family(), r.revision(), r.specJson(),
                    r.specHash())));
            // Now, not at commit: a concurrent registration of the same revision fails here, where the caller can
            // retry, and services written next may reference the new revisions.
            taskDefinitions.flush();
        });
    }

    @Override
    public boolean deregisterTaskDefinition(String family, int revision) {
        return Boolean.TRUE.equals(tx.execute(s -> taskDefinitions.findByFamilyAndRevision(family, revision)
                .map(t -> {
                    if (t.getStatus() != TaskDefinitionStatus.INACTIVE) {
                        t.setStatus(TaskDefinitionStatus.INACTIVE);
                        taskDefinitions.saveAndFlush(t);
                    }
                    return true;
                }).orElse(false)));
    }

    // ---- services ----

    @Override
    public UUID createService(NewService n) {
        return tx.execute(s -> {
            ServiceEntity created = new ServiceEntity(n.cluster(), n.name(), n.taskDefinitionRef(),
                    revision(n.taskDefinition()), n.desiredCount(), n.specJson());
            created.setLabels(n.labelsJson());
            services.save(created);
            events.append(created.getId(), List.of(n.createdEvent()), clock.instant());
            services.flush(); // deployment rows reference the service row
            return created.getId();
        });
    }

    @Override
    public void configureService(ServiceConfiguration c) {
        tx.executeWithoutResult(s -> {
            ServiceEntity service = service(c.serviceId());
            service.setTaskDefinitionRef(c.taskDefinitionRef());
            service.setTaskDefinition(revision(c.taskDefinition()));
            service.setDesiredCount(c.desiredCount());
            service.setSpec(c.specJson());
            // an action the new spec no longer declares loses its state: declared again later, it starts fresh
            service.setScheduledActions(declaredStates(c.specJson(), service.getScheduledActions()));
            service.setLabels(c.labelsJson());
            service.setGeneration(service.getGeneration() + 1);
            events.append(service.getId(), List.of(c.event()), clock.instant());
            services.flush();
        });
    }

    @Override
    public boolean drainService(UUID serviceId, String event) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            ServiceEntity service = service(serviceId);
            if (service.getStatus() == ServiceStatus.DRAINING) {
                return false;
            }
            service.setStatus(ServiceStatus.DRAINING);
            events.append(serviceId, List.of(event), clock.instant());
            services.flush(); // so that a view read next shows the new updatedAt
            return true;
        }));
    }

    // ---- deployments ----

    @Override
    public UUID startDeployment(DeploymentStart start, Instant now) {
        return tx.execute(s -> {
            ServiceEntity service = service(start.serviceId());
            if (!service.getTaskDefinition().equals(revision(start.taskDefinition()))) {
                // The revision the service runs changes, as by an apply.
                service.setGeneration(service.getGeneration() + 1);
            }
            if (start.event() != null) {
                events.append(start.serviceId(), List.of(start.event()), now);
            }
            UUID id = store.startDeployment(start.serviceId(), start.taskDefinition(), start.trigger(), now);
            deployments.flush();
            return id;
        });
    }

    @Override
    public Optional<UUID> resizePrimaryDeployment(UUID serviceId, int desiredCount, Instant now) {
        return tx.execute(s -> {
            Optional<DeploymentEntity> primary = deployments.findByServiceIdAndStatus(serviceId, DeploymentStatus.PRIMARY);
            primary.filter(d -> d.getDesiredCount() != desiredCount).ifPresent(d -> d.setDesiredCount(desiredCount, now));
            deployments.flush();
            return primary.map(DeploymentEntity::getId);
        });
    }

    @Override
    public boolean scaleService(io.berth.reconciler.desiredstate.ServiceScaling scaling, Instant now) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            ServiceEntity service = services.findById(scaling.serviceId()).orElse(null);
            if (service == null || service.getStatus() != ServiceStatus.ACTIVE
                    || service.getDesiredCount() != scaling.from()) {
                return false;
            }
            service.setDesiredCount(scaling.to());
            if (scaling.to() > scaling.from()) {
                service.setScaledOutAt(now);
            } else {
                service.setScaledInAt(now);
            }
            deployments.findByServiceIdAndStatus(scaling.serviceId(), DeploymentStatus.PRIMARY)
                    .filter(d -> d.getDesiredCount() != scaling.to())
                    .ifPresent(d -> d.setDesiredCount(scaling.to(), now));
            events.append(service.getId(), List.of(scaling.event()), now);
            services.flush(); // the version check: an apply that changed the row meanwhile fails this write
            deployments.flush();
            return true;
        }));
    }

    @Override
    public boolean recordScheduledScaling(io.berth.reconciler.desiredstate.ScheduledScalingWrite write, Instant now) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            ServiceEntity service = services.findById(write.serviceId()).orElse(null);
            if (service == null || service.getStatus() != ServiceStatus.ACTIVE
                    || service.getDesiredCount() != write.from()) {
                return false;
            }
            // the round read the spec before this transaction: an action removed meanwhile gets no state back
            service.setScheduledActions(declaredStates(service.getSpec(),
                    io.berth.reconciler.store.ActionStatesJson.toJson(write.states())));
            if (write.to() != write.from()) {
                service.setDesiredCount(write.to());
                deployments.findByServiceIdAndStatus(write.serviceId(), DeploymentStatus.PRIMARY)
                        .filter(d -> d.getDesiredCount() != write.to())
                        .ifPresent(d -> d.setDesiredCount(write.to(), now));
            }
            if (!write.events().isEmpty()) {
                events.append(service.getId(), write.events(), now);
            }
            services.flush(); // the version check: an apply that changed the row meanwhile fails this write
            deployments.flush();
            return true;
        }));
    }

    /** The stored states ({@code service.scheduled_actions}) of the actions {@code specJson} declares; null: none. */
    private String declaredStates(String specJson, String statesJson) {
        if (statesJson == null) {
            return null;
        }
        var kept = io.berth.reconciler.autoscaling.DeclaredActionStates.kept(
                serviceSpecs.fromJson(specJson).autoScaling(),
                io.berth.reconciler.store.ActionStatesJson.fromJson(statesJson));
        return kept.isEmpty() ? null : io.berth.reconciler.store.ActionStatesJson.toJson(kept);
    }

    // ---- events ----

    @Override
    public void appendEvents(UUID serviceId, List<String> messages, Instant now) {
        tx.executeWithoutResult(s -> {
            if (services.existsById(serviceId)) {
                events.append(serviceId, messages, now);
            }
        });
    }

    // ---- clusters and credentials ----

    @Override
    public boolean ensureCluster(String name) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (clusters.existsById(name)) {
                return false;
            }
            clusters.saveAndFlush(new ClusterEntity(name));
            return true;
        }));
    }

    @Override
    public boolean replaceClusterPolicy(String cluster, ClusterPolicy policy) {
        return Boolean.TRUE.equals(tx.execute(s -> clusters.findById(cluster).map(entity -> {
            entity.setPolicy(policy.allowPrivileged(),
                    JSON.writeValueAsString(List.copyOf(policy.allowedCapabilities())), policy.allowHostNetwork(),
                    policy.allowHostPaths(), PolicyRulesJson.write(policy));
            clusters.saveAndFlush(entity);
            return true;
        }).orElse(false)));
    }

    @Override
    public boolean saveRegistryCredential(StoredCredential c) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            RegistryCredentialEntity existing = credentials.findById(c.name()).orElse(null);
            if (existing != null) {
                // Encrypted on every write: a legacy plain row (before V9_1) loses its plain password here.
                existing.replace(c.serverAddress(), c.username(), c.passwordEncrypted());
                credentials.saveAndFlush(existing);
                return false;
            }
            credentials.saveAndFlush(new RegistryCredentialEntity(c.name(), c.serverAddress(), c.username(),
                    c.passwordEncrypted()));
            return true;
        }));
    }

    @Override
    public boolean deleteRegistryCredential(String name) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            if (!credentials.existsById(name)) {
                return false;
            }
            credentials.deleteById(name);
            return true;
        }));
    }

    // ---- secrets and configs ----

    @Override
    public int saveSecret(SecretWrite w) {
        Integer version = tx.execute(s -> {
            SecretEntity existing = secrets.findByKindAndName(kind(w.kind()), w.name()).orElse(null);
            if (existing == null) {
                return secrets.saveAndFlush(new SecretEntity(kind(w.kind()), w.name(), w.keyNamesJson(), w.data()))
                        .getVersion();
            }
            existing.replace(w.keyNamesJson(), w.data());
            return secrets.saveAndFlush(existing).getVersion();
        });
        return version == null ? 0 : version;
    }

    @Override
    public boolean deleteSecret(io.berth.reconciler.model.SecretFile.Source kind, String name) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            SecretId id = new SecretId(kind(kind), name);
            if (!secrets.existsById(id)) {
                return false;
            }
            secrets.deleteById(id);
            secrets.flush();
            return true;
        }));
    }

    private static SecretKind kind(io.berth.reconciler.model.SecretFile.Source source) {
        return source == io.berth.reconciler.model.SecretFile.Source.SECRET ? SecretKind.SECRET : SecretKind.CONFIG;
    }

    // ---- container instances ----

    @Override
    public UUID applyContainerInstance(ContainerInstanceWrite instance) {
        return instances.apply(instance);
    }

    @Override
    public UUID refreshContainerInstance(String cluster, String endpoint, String tlsCertPath, EngineInfo info) {
        return instances.refresh(cluster, endpoint, tlsCertPath, info);
    }

    @Override
    public void setContainerInstanceStatus(UUID instanceId, ContainerInstance.InstanceStatus status) {
        instances.setStatus(instanceId, InstanceStatus.valueOf(status.name()));
    }

    @Override
    public int deregisterContainerInstance(UUID instanceId, boolean force) {
        return instances.deregister(instanceId, force);
    }

    private ServiceEntity service(UUID id) {
        return services.findById(id).orElseThrow(() -> new IllegalStateException("no service " + id));
    }

    private static TaskDefinitionId revision(String arn) {
        TaskDefinitionRef ref = TaskDefinitionRef.parse(arn);
        return new TaskDefinitionId(ref.family(), ref.revision());
    }

    // ---- traffic ----

    @Override
    public boolean saveTrafficResource(TrafficResourceWrite r) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            TrafficKind kind = TrafficKind.valueOf(r.kind().name());
            TrafficResourceEntity existing = traffic.findByClusterAndKindAndName(r.cluster(), kind, r.name()).orElse(null);
            if (existing != null) {
                existing.replace(r.specJson(), r.labelsJson(), clock.instant());
                traffic.saveAndFlush(existing);
                return false;
            }
            traffic.saveAndFlush(new TrafficResourceEntity(r.cluster(), kind, r.name(), r.specJson(), r.labelsJson(),
                    clock.instant()));
            return true;
        }));
    }

    @Override
    public boolean deleteTrafficResource(String cluster, TrafficResourceWrite.Kind kind, String name) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            var existing = traffic.findByClusterAndKindAndName(cluster, TrafficKind.valueOf(kind.name()), name);
            existing.ifPresent(e -> {
                traffic.delete(e);
                traffic.flush();
            });
            return existing.isPresent();
        }));
    }

    // ---- scheduled tasks ----

    @Override
    public boolean saveScheduledTask(ScheduledTaskWrite w) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            ScheduledTaskEntity existing = scheduledTasks.findByClusterAndName(w.cluster(), w.name()).orElse(null);
            if (existing != null) {
                existing.replace(w.specJson(), w.labelsJson(), clock.instant());
                scheduledTasks.saveAndFlush(existing);
                return false;
            }
            scheduledTasks.saveAndFlush(new ScheduledTaskEntity(w.cluster(), w.name(), w.specJson(), w.labelsJson(),
                    clock.instant()));
            return true;
        }));
    }

    @Override
    public boolean deleteScheduledTask(String cluster, String name) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            var existing = scheduledTasks.findByClusterAndName(cluster, name);
            existing.ifPresent(e -> {
                scheduledTasks.delete(e);
                scheduledTasks.flush();
            });
            return existing.isPresent();
        }));
    }
}
