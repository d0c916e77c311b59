package io.berth.app.api;

import io.berth.app.api.ApplyPlan.Step;
import io.berth.app.api.ApplyPlan.TrafficStep;
import io.berth.app.api.dto.ApplyResult.Outcome;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.LoadBalancerDocument;
import io.berth.app.manifest.ManifestDocument;
import io.berth.app.manifest.ServiceDocument;
import io.berth.app.manifest.TargetGroupDocument;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.model.TrafficKind;
import io.berth.db.model.TrafficResourceEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.db.repository.TrafficResourceRepository;
import io.berth.reconciler.desiredstate.TrafficResourceWrite;
import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.policy.LoadBalancerPolicyCheck;
import io.berth.reconciler.policy.PolicyViolation;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.store.TrafficSpecJson;
import io.berth.reconciler.traffic.Listener;
import io.berth.reconciler.traffic.ListenerRule;
import io.berth.reconciler.traffic.TargetGroup;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The apply's part for target groups and load balancers, reading only: what each TargetGroup and LoadBalancer
 * document does, and whether the references between documents hold — a listener's or a service's target group
 * (in the same apply or stored), a service's container and container port (in its task definition), a listener
 * port that a host keeps for itself or a task holds, and the cluster's policy ({@link LoadBalancerPolicyCheck}).
 */
@Component
class TrafficApplyPlanner {

    private final TrafficResourceRepository traffic;
    private final ClusterRepository clusters;
    private final ContainerInstanceRepository instances;
    private final TaskRepository tasks;
    private final ClusterSettings clusterSettings;
    private final JsonText json;
    private final TaskDefinitionRepository taskDefinitions;
    private final SpecJson taskSpecJson;
    private final TrafficSpecJson specJson = new TrafficSpecJson();
    private final JsonMapper mapper = JsonMapper.builder().build();

    TrafficApplyPlanner(TrafficResourceRepository traffic, ClusterRepository clusters,
                        ContainerInstanceRepository instances, TaskRepository tasks, ClusterSettings clusterSettings,
                        JsonText json, TaskDefinitionRepository taskDefinitions, SpecJson taskSpecJson) {
        this.taskDefinitions = taskDefinitions;
        this.taskSpecJson = taskSpecJson;
        this.traffic = traffic;
        this.clusters = clusters;
        this.instances = instances;
        this.tasks = tasks;
        this.clusterSettings = clusterSettings;
        this.json = json;
    }

    /** Fills the steps of the TargetGroup and LoadBalancer documents; reports what does not hold into {@code errors}. */
    void plan(List<ManifestDocument> documents, Step[] steps, List<FieldError> errors) {
        for (int i = 0; i < documents.size(); i++) {
            String path = "documents[" + i + "]";
            switch (documents.get(i)) {
                case TargetGroupDocument g -> {
                    if (clusterExists(g.cluster(), path, errors)) {
                        steps[i] = step("TargetGroup", g.cluster(), TrafficResourceWrite.Kind.TARGET_GROUP, g.name(),
                                specJson.toJson(g.spec()), json.canonical(g.labels()));
                    }
                }
                case LoadBalancerDocument lb -> {
                    if (clusterExists(lb.cluster(), path, errors)) {
                        checkListeners(path, lb, documents, errors);
                        steps[i] = step("LoadBalancer", lb.cluster(), TrafficResourceWrite.Kind.LOAD_BALANCER,
                                lb.name(), specJson.toJson(lb.spec()), json.canonical(lb.labels()));
                    }
                }
                default -> {
                }
            }
        }
    }

    /** A service's loadBalancers: each group known, each container and container port in the task definition. */
    void checkService(String path, ServiceDocument service, TaskDefinitionSpec spec, List<ManifestDocument> documents,
                      List<FieldError> errors) {
        List<ServiceLoadBalancer> entries = service.spec().loadBalancers();
        for (int i = 0; i < entries.size(); i++) {
            ServiceLoadBalancer lb = entries.get(i);
            String at = path + ".spec.loadBalancers[" + i + "]";
            if (group(service.cluster(), lb.targetGroup(), documents).isEmpty()) {
                errors.add(new FieldError(at + ".targetGroup", unknownGroup(service.cluster(), lb.targetGroup())));
            }
            Optional<ContainerDefinition> container = spec.containers().stream()
                    .filter(c -> c.name().equals(lb.containerName())).findFirst();
            if (container.isEmpty()) {
                errors.add(new FieldError(at + ".containerName", "the task definition has no container named \""
                        + lb.containerName() + "\""));
            } else if (container.get().portMappings().stream().noneMatch(m -> m.containerPort() == lb.containerPort())) {
                errors.add(new FieldError(at + ".containerPort", "container \"" + lb.containerName()
                        + "\" maps no containerPort " + lb.containerPort() + " in its portMappings"));
            }
        }
    }

    private void checkListeners(String path, LoadBalancerDocument lb, List<ManifestDocument> documents,
                                List<FieldError> errors) {
        Map<Integer, String> held = heldPorts(lb.cluster());
        for (PolicyViolation v : LoadBalancerPolicyCheck.check(lb.spec(), clusterSettings.policy(lb.cluster()))) {
            errors.add(new FieldError(path + ".spec." + v.field(), v.message()));
        }
        for (int i = 0; i < lb.spec().listeners().size(); i++) {
            Listener l = lb.spec().listeners().get(i);
            String at = path + ".spec.listeners[" + i + "]";
            groupOfListener(lb.cluster(), l.defaultTargetGroup(), l, at + ".defaultTargetGroup", documents, errors);
            for (int r = 0; r < l.rules().size(); r++) {
                ListenerRule rule = l.rules().get(r);
                groupOfListener(lb.cluster(), rule.targetGroup(), l, at + ".rules[" + r + "].targetGroup", documents,
                        errors);
            }
            String holder = held.get(l.port());
            if (holder != null) {
                errors.add(new FieldError(at + ".port", "port " + l.port() + "/tcp is " + holder));
            }
        }
        for (ManifestDocument other : documents) {
            if (other instanceof LoadBalancerDocument o && o != lb && o.cluster().equals(lb.cluster())) {
                for (Listener l : lb.spec().listeners()) {
                    if (o.spec().listeners().stream().anyMatch(x -> x.port() == l.port())) {
                        errors.add(new FieldError(path + ".spec.listeners", "port " + l.port()
                                + " is also a listener port of load balancer \"" + o.name() + "\" in this apply"));
                    }
                }
            }
        }
        for (TrafficResourceEntity stored : traffic.findByClusterAndKind(lb.cluster(), TrafficKind.LOAD_BALANCER)) {
            if (stored.getName().equals(lb.name())) {
                continue;
            }
            var other = specJson.loadBalancer(stored.getName(), stored.getSpec());
            for (Listener l : lb.spec().listeners()) {
                if (other.listeners().stream().anyMatch(x -> x.port() == l.port())) {
                    errors.add(new FieldError(path + ".spec.listeners", "port " + l.port()
                            + " is a listener port of load balancer \"" + other.name() + "\""));
                }
            }
        }
    }

    private void groupOfListener(String cluster, String name, Listener l, String at, List<ManifestDocument> documents,
                                 List<FieldError> errors) {
        Optional<TargetGroup> group = group(cluster, name, documents);
        if (group.isEmpty()) {
            errors.add(new FieldError(at, unknownGroup(cluster, name)));
        } else if (group.get().protocol() != l.protocol()) {
            errors.add(new FieldError(at, "target group \"" + name + "\" is " + group.get().protocol()
                    + "; a " + l.protocol() + " listener needs a " + l.protocol() + " target group"));
        }
    }

    /** In this apply first (it replaces the stored one), else stored. */
    private Optional<TargetGroup> group(String cluster, String name, List<ManifestDocument> documents) {
        for (ManifestDocument d : documents) {
            if (d instanceof TargetGroupDocument g && g.cluster().equals(cluster) && g.name().equals(name)) {
                return Optional.of(g.spec());
            }
        }
        return traffic.findByClusterAndKindAndName(cluster, TrafficKind.TARGET_GROUP, name)
                .map(e -> specJson.targetGroup(e.getName(), e.getSpec()));
    }

    private static String unknownGroup(String cluster, String name) {
        return "target group \"" + name + "\" does not exist in cluster \"" + cluster
                + "\"; apply a TargetGroup named \"" + name + "\" first or in the same request";
    }

    /**
     * TCP ports a listener cannot take, with who holds them: every instance's reserved ports, and the host ports of
     * the cluster's tasks that are not stopped (fixed or dynamic: a listener there would fail to bind).
     */
    private Map<Integer, String> heldPorts(String cluster) {
        Map<Integer, String> held = new HashMap<>();
        instances.findByClusterOrderByCreatedAt(cluster).forEach(i -> {
            for (HostPort p : ContainerInstance.storedReservedPorts(i.getReservedPorts())) {
                if (p.protocol().equals("tcp")) {
                    held.putIfAbsent(p.port(), "reserved by container instance " + i.getId());
                }
            }
        });
        Map<TaskDefinitionId, TaskDefinitionSpec> specs = new HashMap<>();
        for (TaskEntity t : tasks.findNotStoppedByCluster(cluster)) {
            // Fixed host ports are the task's from placement on; dynamic ones once its containers run.
            TaskDefinitionSpec spec = specs.computeIfAbsent(t.getTaskDefinition(), id -> taskDefinitions.findById(id)
                    .map(e -> taskSpecJson.fromJson(e.getSpec())).orElse(null));
            if (spec != null) {
                for (ContainerDefinition c : spec.containers()) {
                    for (PortMapping m : c.portMappings()) {
                        if (!m.isDynamic() && "tcp".equals(m.protocol())) {
                            held.putIfAbsent(m.hostPort(), "held by task " + t.getId());
                        }
                    }
                }
            }
            for (TaskContainerEntity c : t.getContainers()) {
                for (JsonNode m : mapper.readTree(c.getHostPorts())) {
                    if (m.path("hostPort").asInt() > 0 && "tcp".equals(m.path("protocol").asString("tcp"))) {
                        held.putIfAbsent(m.path("hostPort").asInt(), "held by task " + t.getId());
                    }
                }
            }
        }
        return held;
    }

    private boolean clusterExists(String cluster, String path, List<FieldError> errors) {
        if (clusters.existsById(cluster)) {
            return true;
        }
        errors.add(new FieldError(path + ".metadata.cluster", "cluster \"" + cluster + "\" does not exist"));
        return false;
    }

    private TrafficStep step(String kind, String cluster, TrafficResourceWrite.Kind k, String name, String spec,
                             String labels) {
        TrafficResourceWrite write = new TrafficResourceWrite(cluster, k, name, spec, labels);
        Optional<TrafficResourceEntity> existing = traffic.findByClusterAndKindAndName(cluster,
                TrafficKind.valueOf(k.name()), name);
        Outcome outcome = existing.isEmpty() ? Outcome.CREATED
                : existing.get().getSpec().equals(spec) && existing.get().getLabels().equals(labels)
                ? Outcome.UNCHANGED : Outcome.CONFIGURED;
        return new TrafficStep(kind, write, outcome);
    }
}
