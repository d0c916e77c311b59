package io.berth.reconciler.store;

import io.berth.reconciler.model.BackoffConfig;
import io.berth.reconciler.model.CircuitBreakerConfig;
import io.berth.reconciler.model.DeploymentConfig;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.model.SchedulingStrategy;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.scheduler.placement.Placement;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Storage form of a {@link ServiceSpec} ({@code service.spec}): canonical JSON (sorted keys, durations as
 * ISO-8601), so that an unchanged re-apply compares equal. Specs stored before a field existed read back
 * with that field's default.
 */
public final class ServiceSpecJson {

    private final JsonMapper mapper = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    public String toJson(ServiceSpec spec) {
        ObjectNode root = mapper.createObjectNode();
        root.put("taskDefinition", spec.taskDefinition());
        root.put("desiredCount", spec.desiredCount());
        root.put("healthCheckGracePeriod", spec.healthCheckGracePeriod().toString());
        DeploymentConfig d = spec.deployment();
        ObjectNode deployment = root.putObject("deployment")
                .put("minimumHealthyPercent", d.minimumHealthyPercent())
                .put("maximumPercent", d.maximumPercent())
                .put("minHealthyTime", d.minHealthyTime().toString())
                .put("progressDeadline", d.progressDeadline().toString());
        ObjectNode breaker = deployment.putObject("circuitBreaker")
                .put("enabled", d.circuitBreaker().enabled())
                .put("rollback", d.circuitBreaker().rollback());
        if (d.circuitBreaker().threshold() != null) {
            breaker.put("threshold", d.circuitBreaker().threshold());
        }
        if (d.backoff() != null) { // absent = Berth's default: specs stored before backoff existed stay equal
            deployment.putObject("backoff")
                    .put("initial", d.backoff().initial().toString())
                    .put("max", d.backoff().max().toString());
        }
        PlacementJson.putStrategies(root, spec.placement().strategies());
        PlacementJson.putConstraints(root, spec.placement().constraints());
        if (!spec.loadBalancers().isEmpty()) { // absent = none: specs stored before load balancers stay equal
            var list = root.putArray("loadBalancers");
            spec.loadBalancers().forEach(lb -> list.addObject().put("targetGroup", lb.targetGroup())
                    .put("containerName", lb.containerName()).put("containerPort", lb.containerPort()));
        }
        if (spec.rolloutOnChange()) { // absent = false: specs stored before it stay equal
            root.put("rolloutOnChange", true);
        }
        if (spec.schedulingStrategy() != SchedulingStrategy.REPLICA) { // absent = REPLICA: older specs stay equal
            root.put("schedulingStrategy", spec.schedulingStrategy().name());
        }
        AutoScalingJson.put(root, spec.autoScaling());
        return mapper.writeValueAsString(root);
    }

    /** @throws IllegalArgumentException when {@code json} is not a stored service spec */
    public ServiceSpec fromJson(String json) {
        try {
            JsonNode root = mapper.readTree(json);
            JsonNode d = root.path("deployment");
            JsonNode b = d.path("circuitBreaker");
            CircuitBreakerConfig defaults = CircuitBreakerConfig.defaults();
            CircuitBreakerConfig breaker = new CircuitBreakerConfig(b.path("enabled").asBoolean(defaults.enabled()),
                    b.path("rollback").asBoolean(defaults.rollback()),
                    b.path("threshold").isNumber() ? b.path("threshold").asInt() : null);
            DeploymentConfig deployment = new DeploymentConfig(
                    d.path("minimumHealthyPercent").asInt(DeploymentConfig.DEFAULT_MINIMUM_HEALTHY_PERCENT),
                    d.path("maximumPercent").asInt(DeploymentConfig.DEFAULT_MAXIMUM_PERCENT),
                    duration(d.path("minHealthyTime"), DeploymentConfig.DEFAULT_MIN_HEALTHY_TIME),
                    breaker,
                    duration(d.path("progressDeadline"), DeploymentConfig.DEFAULT_PROGRESS_DEADLINE),
                    d.path("backoff").isObject() ? new BackoffConfig(duration(d.path("backoff").path("initial"), null),
                            duration(d.path("backoff").path("max"), null)) : null);
            return new ServiceSpec(root.path("taskDefinition").asString(), root.path("desiredCount").asInt(),
                    duration(root.path("healthCheckGracePeriod"), Duration.ZERO), deployment,
                    new Placement(PlacementJson.strategies(root), PlacementJson.constraints(root)),
                    loadBalancers(root.path("loadBalancers")), root.path("rolloutOnChange").asBoolean(false),
                    SchedulingStrategy.valueOf(root.path("schedulingStrategy").asString(SchedulingStrategy.REPLICA.name())),
                    AutoScalingJson.read(root.get("autoScaling")));
        } catch (JacksonException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a stored service spec: " + e.getMessage(), e);
        }
    }

    private static java.util.List<ServiceLoadBalancer> loadBalancers(JsonNode list) {
        java.util.List<ServiceLoadBalancer> result = new java.util.ArrayList<>();
        list.forEach(n -> result.add(new ServiceLoadBalancer(n.path("targetGroup").asString(),
                n.path("containerName").asString(), n.path("containerPort").asInt())));
        return result;
    }

    private static Duration duration(JsonNode node, Duration fallback) {
        return node.isMissingNode() || node.isNull() ? fallback : Duration.parse(node.asString());
    }
}
