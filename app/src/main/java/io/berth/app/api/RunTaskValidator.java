package io.berth.app.api;

import io.berth.app.manifest.TaskDefinitionSpecValidator;
import io.berth.app.manifest.PlacementReader;
import io.berth.reconciler.plan.ClientTokens;
import io.berth.reconciler.plan.RunTaskPlan;
import io.berth.reconciler.scheduler.placement.Placement;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import io.berth.app.api.dto.RunTaskRequest;
import io.berth.app.manifest.ErrorCollector;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.reconciler.model.ContainerOverride;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOverrides;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a run-task request against the revision it runs, naming every bad field; nothing starts for a bad request. */
final class RunTaskValidator {

    static final int MAX_COUNT = RunTaskPlan.MAX_COUNT;
    private static final int MAX_TEXT = 255;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RunTaskValidator() {
    }

    static int count(RunTaskRequest request, ErrorCollector errors) {
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > MAX_COUNT) {
            errors.reject("count", "must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        text("startedBy", request.startedBy(), errors);
        text("group", request.group(), errors);
        if (request.clientToken() != null) {
            String problem = ClientTokens.problem(request.clientToken());
            if (problem != null) {
                errors.reject("clientToken", problem);
            }
        }
        return count;
    }

    private static void text(String field, String value, ErrorCollector errors) {
        if (value != null && (value.isBlank() || value.length() > MAX_TEXT)) {
            errors.reject(field, "must be 1 to " + MAX_TEXT + " characters when given");
        }
    }

    /** The overrides as the reconciler applies them; errors name e.g. {@code overrides.containerOverrides[0].name}. */
    static TaskOverrides overrides(RunTaskRequest request, TaskDefinitionSpec spec, ErrorCollector errors) {
        if (request.overrides() == null || request.overrides().containerOverrides() == null) {
            return TaskOverrides.NONE;
        }
        Set<String> names = new HashSet<>();
        spec.containers().forEach(c -> names.add(c.name()));
        Set<String> seen = new HashSet<>();
        List<ContainerOverride> result = new ArrayList<>();
        List<RunTaskRequest.ContainerOverride> list = request.overrides().containerOverrides();
        for (int i = 0; i < list.size(); i++) {
            String path = "overrides.containerOverrides[" + i + "]";
            RunTaskRequest.ContainerOverride o = list.get(i);
            if (o == null) {
                errors.reject(path, "must be an object");
                continue;
            }
            if (o.name() == null || !names.contains(o.name())) {
                errors.reject(path + ".name", "must name a container of the task definition (" + String.join(", ", names.stream().sorted().toList()) + ")");
            } else if (!seen.add(o.name())) {
                errors.reject(path + ".name", "container \"" + o.name() + "\" is overridden twice");
            }
            if (o.command() != null && (o.command().isEmpty() || o.command().stream().anyMatch(s -> s == null))) {
                errors.reject(path + ".command", "must be a non-empty list of strings");
            }
            if (o.cpu() != null && (o.cpu() < 0 || o.cpu() > TaskDefinitionSpecValidator.MAX_CPU_UNITS)) {
                errors.reject(path + ".cpu", "must be 0 to " + TaskDefinitionSpecValidator.MAX_CPU_UNITS
                        + " CPU units, got " + o.cpu());
            }
            if (o.memory() != null && o.memory() < 6) {
                errors.reject(path + ".memory", "must be at least 6 MiB (Docker's minimum), got " + o.memory());
            } else if (o.memory() != null && o.memory() > TaskDefinitionSpecValidator.MAX_MEMORY_MIB) {
                errors.reject(path + ".memory", "must be at most " + TaskDefinitionSpecValidator.MAX_MEMORY_MIB
                        + " MiB (16 TiB), got " + o.memory());
            }
            Map<String, String> env = environment(o.environment(), path + ".environment", errors);
            result.add(new ContainerOverride(o.name(), o.command(), env, o.cpu(), o.memory()));
        }
        return new TaskOverrides(result);
    }

    private static Map<String, String> environment(JsonNode node, String path, ErrorCollector errors) {
        Map<String, String> env = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return env;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> put(env, e.getKey(), e.getValue(), path + "." + e.getKey(), errors));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                JsonNode name = item.get("name");
                if (name == null || !name.isString()) {
                    errors.reject(path + "[" + i + "].name", "is required");
                    continue;
                }
                put(env, name.stringValue(), item.get("value"), path + "[" + i + "].value", errors);
            }
        } else {
            errors.reject(path, "must be a list of {name, value} or an object of names to values");
        }
        return env;
    }

    private static void put(Map<String, String> env, String name, JsonNode value, String path, ErrorCollector errors) {
        if (!ENV_NAME.matcher(name).matches()) {
            errors.reject(path, "\"" + name + "\" is not a valid environment variable name");
        } else if (value == null || !(value.isString() || value.isNumber() || value.isBoolean())) {
            errors.reject(path, "must be a string");
        } else {
            env.put(name, value.isString() ? value.stringValue() : value.toString());
        }
    }

    /** The request's placement, read as a service's is; the task definition's constraints are added when placing. */
    static Placement placement(RunTaskRequest request, ErrorCollector errors) {
        List<PlacementStrategy> strategies = PlacementReader.strategies(request.placementStrategy(),
                "placementStrategy", errors);
        List<PlacementConstraint> constraints = PlacementReader.constraints(request.placementConstraints(),
                "placementConstraints", false, errors);
        return new Placement(strategies, constraints);
    }

    static void throwIfAny(ErrorCollector errors) {
        if (errors.hasErrors()) {
            throw new ManifestValidationException(errors.toResult().errors());
        }
    }
}
