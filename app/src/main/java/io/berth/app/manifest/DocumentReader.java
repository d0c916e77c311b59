package io.berth.app.manifest;

import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.SchedulingStrategy;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.scheduler.placement.Placement;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads one manifest document ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}) and checks
 * it with the spec validators. Returns null when the document is too broken to say what it is.
 */
final class DocumentReader {

    static final String API_VERSION = "berth/v1";
    static final String DEFAULT_CLUSTER = "default";
    static final int DEFAULT_DESIRED_COUNT = 1;
    /** A backoff that names only one of its halves takes the other from these (ECS-like, Berth's own defaults). */
    static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);
    private static final int MAX_LABEL_KEY = 128;
    private static final int MAX_LABEL_VALUE = 256;

    private final TaskDefinitionSpecReader taskDefinitionReader = new TaskDefinitionSpecReader();
    private final TaskDefinitionSpecValidator taskDefinitionValidator = new TaskDefinitionSpecValidator();
    private final ServiceSpecValidator serviceValidator = new ServiceSpecValidator();

    ManifestDocument read(JsonNode node, String path, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        String apiVersion = fields.requiredString("apiVersion");
        if (apiVersion != null && !apiVersion.equals(API_VERSION)) {
            errors.reject(fields.path("apiVersion"), "must be " + API_VERSION + ", got \"" + apiVersion + "\"");
        }
        String kind = fields.requiredString("kind");
        if ("Secret".equals(kind) || "Config".equals(kind)) {
            // Kubernetes' form: the values beside metadata, no spec.
            Metadata m = metadata(fields.require("metadata"), fields.path("metadata"), false, errors);
            SecretDocument document = SecretDocumentReader.read(
                    kind.equals("Secret") ? SecretFile.Source.SECRET : SecretFile.Source.CONFIG, fields, m);
            fields.rejectUnknown();
            return document;
        }
        JsonNode metadata = fields.require("metadata");
        JsonNode spec = fields.require("spec");
        fields.rejectUnknown();
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "TaskDefinition" -> taskDefinition(metadata, spec, fields, errors);
            case "Service" -> service(metadata, spec, fields, errors);
            case "ContainerInstance" -> {
                Metadata m = metadata(metadata, fields.path("metadata"), true, errors);
                yield ContainerInstanceReader.read(m.name(), m.cluster(), spec, fields.path("spec"), errors);
            }
            case "TargetGroup", "LoadBalancer" -> traffic(kind, metadata, spec, fields, errors);
            case "ScheduledTask" -> {
                Metadata m = metadata(metadata, fields.path("metadata"), true, errors);
                JsonNode[] overrides = new JsonNode[1];
                var s = ScheduledTaskReader.read(spec, fields.path("spec"), errors, overrides);
                yield s == null ? null : new ScheduledTaskDocument(m.name(), m.cluster(), m.labels(), s, overrides[0]);
            }
            case "Role" -> {
                Metadata m = metadata(metadata, fields.path("metadata"), false, errors);
                yield RoleReader.read(m.name(), m.labels(), fields.path("metadata") + ".name", spec, fields.path("spec"),
                        errors);
            }
            default -> {
                errors.reject(fields.path("kind"), "must be TaskDefinition, Service, ContainerInstance, TargetGroup, "
                        + "LoadBalancer, ScheduledTask, Role, Secret or Config, got \"" + kind + "\"");
                yield null;
            }
        };
    }

    private ManifestDocument taskDefinition(JsonNode metadataNode, JsonNode specNode, ObjectFields doc,
                                            ErrorCollector errors) {
        Metadata metadata = metadata(metadataNode, doc.path("metadata"), false, errors);
        TaskDefinitionSpec spec = taskDefinitionReader.read(specNode, doc.path("spec"), errors);
        taskDefinitionValidator.validate(spec, doc.path("spec"), errors);
        return new TaskDefinitionDocument(metadata.name(), metadata.labels(), spec);
    }

    /** Null when the document has errors (reported); the model's own checks are a second line, reported too. */
    private static ManifestDocument traffic(String kind, JsonNode metadataNode, JsonNode specNode, ObjectFields doc,
                                            ErrorCollector errors) {
        Metadata metadata = metadata(metadataNode, doc.path("metadata"), true, errors);
        if (!metadata.name().isEmpty()) {
            io.berth.reconciler.traffic.TrafficNames.nameProblem(metadata.name())
                    .ifPresent(p -> errors.reject(doc.path("metadata") + ".name", p));
        }
        String name = io.berth.reconciler.traffic.TrafficNames.nameProblem(metadata.name()).isEmpty()
                ? metadata.name() : "";
        try {
            if (kind.equals("TargetGroup")) {
                var spec = TrafficReader.targetGroup(name, specNode, doc.path("spec"), errors);
                return spec == null ? null
                        : new TargetGroupDocument(metadata.name(), metadata.cluster(), metadata.labels(), spec);
            }
            var spec = TrafficReader.loadBalancer(name, specNode, doc.path("spec"), errors);
            return spec == null ? null
                    : new LoadBalancerDocument(metadata.name(), metadata.cluster(), metadata.labels(), spec);
        } catch (IllegalArgumentException e) {
            errors.reject(doc.path("spec"), e.getMessage());
            return null;
        }
    }

    private ManifestDocument service(JsonNode metadataNode, JsonNode specNode, ObjectFields doc,
                                     ErrorCollector errors) {
        Metadata metadata = metadata(metadataNode, doc.path("metadata"), true, errors);
        ServiceSpec spec = serviceSpec(specNode, doc.path("spec"), errors);
        serviceValidator.validate(spec, doc.path("spec"), errors);
        return new ServiceDocument(metadata.name(), metadata.cluster(), metadata.labels(), spec);
    }

    private static ServiceSpec serviceSpec(JsonNode node, String path, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return new ServiceSpec("", 0);
        }
        String taskDefinition = fields.requiredString("taskDefinition");
        Integer desiredCount = fields.integer("desiredCount");
        Duration grace = fields.duration("healthCheckGracePeriod");
        DeploymentConfig deployment = deployment(fields.get("deployment"), fields.path("deployment"), errors);
        Placement placement = new Placement(
                PlacementReader.strategies(fields.get("placementStrategy"), fields.path("placementStrategy"), errors),
                PlacementReader.constraints(fields.get("placementConstraints"), fields.path("placementConstraints"),
                        false, errors));
        var loadBalancers = TrafficReader.serviceLoadBalancers(fields, errors);
        Boolean rolloutOnChange = fields.bool("rolloutOnChange");
        SchedulingStrategy strategy = schedulingStrategy(fields, errors);
        AutoScaling autoScaling = AutoScalingReader.read(fields, loadBalancers);
        fields.rejectUnknown();
        if (strategy == SchedulingStrategy.DAEMON) {
            if (autoScaling != null) {
                errors.reject(fields.path("autoScaling"), "is not allowed with schedulingStrategy DAEMON: a daemon "
                        + "runs one task on every eligible container instance");
            }
            return daemonSpec(taskDefinition == null ? "" : taskDefinition, fields, desiredCount, grace, deployment,
                    placement, loadBalancers, Boolean.TRUE.equals(rolloutOnChange), errors);
        }
        // With auto scaling, a manifest without desiredCount starts at minCount (as ECS registers a scalable target
        // on a service of any count, Berth just starts within the range).
        int desired = desiredCount != null ? desiredCount
                : autoScaling != null ? autoScaling.clamp(DEFAULT_DESIRED_COUNT) : DEFAULT_DESIRED_COUNT;
        return new ServiceSpec(taskDefinition == null ? "" : taskDefinition, desired, grace, deployment, placement,
                loadBalancers, Boolean.TRUE.equals(rolloutOnChange), SchedulingStrategy.REPLICA, autoScaling);
    }

    /** {@code schedulingStrategy: REPLICA | DAEMON}; absent = REPLICA, as in ECS. */
    private static SchedulingStrategy schedulingStrategy(ObjectFields fields, ErrorCollector errors) {
        String text = fields.string("schedulingStrategy");
        if (text == null) {
            return SchedulingStrategy.REPLICA;
        }
        for (SchedulingStrategy s : SchedulingStrategy.values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        errors.reject(fields.path("schedulingStrategy"), "must be REPLICA or DAEMON, got \"" + text + "\"");
        return SchedulingStrategy.REPLICA;
    }

    /**
     * A DAEMON service, as ECS has it: its count is the number of eligible container instances, so a desiredCount is
     * refused, and so are placement strategies (each task's host is given); placement constraints choose the
     * instances. Its minimumHealthyPercent defaults to 0 (ECS's daemon default): a daemon task is stopped before its
     * replacement starts on the same host, so 100 would never let a rollout move.
     */
    private static ServiceSpec daemonSpec(String taskDefinition, ObjectFields fields, Integer desiredCount,
                                          Duration grace, DeploymentConfig deployment, Placement placement,
                                          List<ServiceLoadBalancer> loadBalancers, boolean rolloutOnChange,
                                          ErrorCollector errors) {
        if (desiredCount != null) {
            errors.reject(fields.path("desiredCount"), "is not allowed with schedulingStrategy DAEMON: a daemon runs "
                    + "one task on every ACTIVE container instance that meets its placementConstraints");
        }
        if (!placement.strategies().isEmpty()) {
            errors.reject(fields.path("placementStrategy"), "is not allowed with schedulingStrategy DAEMON: each "
                    + "daemon task's container instance is given; use placementConstraints to choose the instances");
        }
        JsonNode declared = fields.get("deployment");
        boolean minimumDeclared = declared != null && declared.isObject() && declared.has("minimumHealthyPercent");
        DeploymentConfig bounds = minimumDeclared ? deployment : new DeploymentConfig(0, deployment.maximumPercent(),
                deployment.minHealthyTime(), deployment.circuitBreaker(), deployment.progressDeadline(),
                deployment.backoff());
        return new ServiceSpec(taskDefinition, 0, grace, bounds, new Placement(List.of(), placement.constraints()),
                loadBalancers, rolloutOnChange, SchedulingStrategy.DAEMON);
    }

    /**
     * {@code deployment: {minimumHealthyPercent, maximumPercent, minHealthyTime, circuitBreaker, progressDeadline, backoff}};
     * absent fields take ECS's defaults (progressDeadline: 10m).
     */
    private static DeploymentConfig deployment(JsonNode node, String path, ErrorCollector errors) {
        if (node == null || node.isNull()) {
            return DeploymentConfig.defaults();
        }
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return DeploymentConfig.defaults();
        }
        Integer minimumHealthy = fields.integer("minimumHealthyPercent");
        Integer maximum = fields.integer("maximumPercent");
        Duration minHealthyTime = fields.duration("minHealthyTime");
        CircuitBreakerConfig breaker = circuitBreaker(fields.get("circuitBreaker"), fields.path("circuitBreaker"),
                errors);
        Duration progressDeadline = fields.duration("progressDeadline"); // null = the default
        BackoffConfig backoff = backoff(fields.get("backoff"), fields.path("backoff"), errors);
        fields.rejectUnknown();
        return new DeploymentConfig(
                minimumHealthy == null ? DeploymentConfig.DEFAULT_MINIMUM_HEALTHY_PERCENT : minimumHealthy,
                maximum == null ? DeploymentConfig.DEFAULT_MAXIMUM_PERCENT : maximum,
                minHealthyTime == null ? DeploymentConfig.DEFAULT_MIN_HEALTHY_TIME : minHealthyTime,
                breaker, progressDeadline, backoff);
    }

    /**
     * {@code backoff: {initial, max}}: the service's crash-loop backoff; absent = Berth's configured default.
     * A missing half takes the default's value (1s, 5m), so {@code {max: 30s}} alone is enough.
     */
    private static BackoffConfig backoff(JsonNode node, String path, ErrorCollector errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        Duration initial = fields.duration("initial");
        Duration max = fields.duration("max");
        fields.rejectUnknown();
        return new BackoffConfig(initial == null ? DEFAULT_BACKOFF_INITIAL : initial, max == null ? DEFAULT_BACKOFF_MAX : max);
    }

    /** {@code circuitBreaker: {enabled, rollback, threshold}}: on and rolling back unless said otherwise, as in ECS. */
    private static CircuitBreakerConfig circuitBreaker(JsonNode node, String path, ErrorCollector errors) {
        CircuitBreakerConfig defaults = CircuitBreakerConfig.defaults();
        if (node == null) {
            return defaults;
        }
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return defaults;
        }
        Boolean enabled = fields.bool("enabled");
        Boolean rollback = fields.bool("rollback");
        Integer threshold = fields.integer("threshold"); // null = derived from desiredCount, as in ECS
        fields.rejectUnknown();
        return new CircuitBreakerConfig(enabled == null ? defaults.enabled() : enabled,
                rollback == null ? defaults.rollback() : rollback, threshold);
    }

    private static Metadata metadata(JsonNode node, String path, boolean clustered, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return new Metadata("", DEFAULT_CLUSTER, Map.of());
        }
        String name = fields.requiredString("name");
        if (name != null) {
            Names.check(name, fields.path("name"), errors);
        }
        String cluster = null;
        if (clustered) {
            cluster = fields.string("cluster");
            if (cluster != null) {
                Names.check(cluster, fields.path("cluster"), errors);
            }
        } else if (fields.get("cluster") != null) {
            errors.reject(fields.path("cluster"), "is not allowed: task definitions, roles, secrets and configs "
                    + "belong to no cluster");
        }
        Map<String, String> labels = fields.stringMap("labels");
        if (labels != null) {
            checkLabels(labels, fields.path("labels"), errors);
        }
        fields.rejectUnknown();
        return new Metadata(name == null ? "" : name, cluster == null ? DEFAULT_CLUSTER : cluster,
                labels == null ? Map.of() : labels);
    }

    private static void checkLabels(Map<String, String> labels, String path, ErrorCollector errors) {
        labels.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_LABEL_KEY) {
                errors.reject(path + "." + key, "label keys must be 1-" + MAX_LABEL_KEY + " characters");
            } else if (value.length() > MAX_LABEL_VALUE) {
                errors.reject(path + "." + key, "label values must be at most " + MAX_LABEL_VALUE + " characters");
            }
        });
    }

    record Metadata(String name, String cluster, Map<String, String> labels) {
    }
}
