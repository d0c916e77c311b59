package io.berth.reconciler.store;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Storage form of a {@link TaskDefinitionSpec} ({@code task_definition.spec}) and its {@code spec_hash}.
 *
 * <p>Canonical: keys sorted, no whitespace, null and empty values left out, durations as ISO-8601
 * ({@code PT30S}). Two specs are equal records exactly when their canonical JSON is equal, so the hash can
 * decide whether an apply creates a new revision. Written by hand rather than by binding the records, so
 * that helper methods on them ({@code isDynamic()}, {@code reservedMemory()}) never leak into stored data.
 */
public final class SpecJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    public String toJson(TaskDefinitionSpec spec) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode containers = root.putArray("containers");
        spec.containers().forEach(c -> containers.add(container(c)));
        putIfNotNull(root, "cpu", spec.cpu());
        putIfNotNull(root, "memory", spec.memory());
        OptionsJson.write(spec.options(), root);
        PlacementJson.putConstraints(root, spec.placementConstraints());
        return mapper.writeValueAsString(root);
    }

    /** @throws IllegalArgumentException when {@code json} is not a stored spec */
    public TaskDefinitionSpec fromJson(String json) {
        try {
            JsonNode root = mapper.readTree(json);
            List<ContainerDefinition> containers = new ArrayList<>();
            for (JsonNode c : required(root, "containers")) {
                containers.add(container(c));
            }
            return new TaskDefinitionSpec(containers, optionalInt(root, "cpu"), optionalInt(root, "memory"),
                    OptionsJson.readTask(root), PlacementJson.constraints(root));
        } catch (JacksonException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a stored task definition spec: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of {@link #toJson}. */
    public String hash(TaskDefinitionSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toJson(spec).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private ObjectNode container(ContainerDefinition c) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", c.name());
        node.put("image", c.image());
        putStrings(node, "command", c.command());
        putStrings(node, "entryPoint", c.entryPoint());
        if (!c.environment().isEmpty()) {
            ObjectNode env = node.putObject("environment");
            new TreeMap<>(c.environment()).forEach(env::put);
        }
        putIfNotNull(node, "cpu", c.cpu());
        putIfNotNull(node, "memory", c.memory());
        putIfNotNull(node, "memoryReservation", c.memoryReservation());
        node.put("essential", c.essential());
        if (!c.portMappings().isEmpty()) {
            ArrayNode ports = node.putArray("portMappings");
            for (PortMapping p : c.portMappings()) {
                ports.addObject()
                        .put("containerPort", p.containerPort())
                        .put("hostPort", p.hostPort())
                        .put("protocol", p.protocol());
            }
        }
        if (c.healthCheck() != null) {
            HealthCheck h = c.healthCheck();
            ObjectNode check = node.putObject("healthCheck");
            putStrings(check, "command", h.command());
            check.put("interval", h.interval().toString());
            check.put("timeout", h.timeout().toString());
            check.put("retries", h.retries());
            check.put("startPeriod", h.startPeriod().toString());
        }
        OptionsJson.write(c.options(), node);
        return node;
    }

    private static ContainerDefinition container(JsonNode node) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = node.get("environment");
        if (env != null) {
            env.properties().forEach(e -> environment.put(e.getKey(), e.getValue().stringValue()));
        }
        List<PortMapping> ports = new ArrayList<>();
        JsonNode portNodes = node.get("portMappings");
        if (portNodes != null) {
            for (JsonNode p : portNodes) {
                ports.add(new PortMapping(required(p, "containerPort").intValue(), required(p, "hostPort").intValue(),
                        required(p, "protocol").stringValue()));
            }
        }
        return new ContainerDefinition(required(node, "name").stringValue(), required(node, "image").stringValue(),
                strings(node.get("command")), strings(node.get("entryPoint")), environment,
                optionalInt(node, "cpu"), optionalInt(node, "memory"), optionalInt(node, "memoryReservation"),
                required(node, "essential").booleanValue(), ports, healthCheck(node.get("healthCheck")),
                OptionsJson.readContainer(node));
    }

    private static HealthCheck healthCheck(JsonNode node) {
        if (node == null) {
            return null;
        }
        return new HealthCheck(strings(node.get("command")),
                Duration.parse(required(node, "interval").stringValue()),
                Duration.parse(required(node, "timeout").stringValue()),
                required(node, "retries").intValue(),
                Duration.parse(required(node, "startPeriod").stringValue()));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("stored spec lacks \"" + field + "\"");
        }
        return value;
    }

    private static Integer optionalInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.intValue();
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node != null) {
            node.forEach(item -> result.add(item.stringValue()));
        }
        return result;
    }

    private static void putStrings(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static void putIfNotNull(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
