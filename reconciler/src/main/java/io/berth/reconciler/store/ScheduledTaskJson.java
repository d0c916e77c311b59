package io.berth.reconciler.store;

import io.berth.reconciler.schedule.Concurrency;
import io.berth.reconciler.schedule.Firing;
import io.berth.reconciler.schedule.FiringOutcome;
import io.berth.reconciler.schedule.ScheduledTaskSpec;
import io.berth.reconciler.scheduler.placement.Placement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Storage form of a scheduled task's spec and of its firing history. The spec's form is canonical (fixed field order,
 * absent fields left out), so that an unchanged apply compares equal and writes nothing.
 */
public final class ScheduledTaskJson {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final OverridesJson overridesJson = new OverridesJson();

    public String toJson(ScheduledTaskSpec spec) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schedule", spec.schedule());
        if (spec.timezone() != null) {
            root.put("timezone", spec.timezone());
        }
        root.put("taskDefinition", spec.taskDefinition());
        root.put("count", spec.count());
        String overrides = overridesJson.toJson(spec.overrides());
        if (overrides != null) {
            root.set("overrides", mapper.readTree(overrides));
        }
        PlacementJson.putStrategies(root, spec.placement().strategies());
        PlacementJson.putConstraints(root, spec.placement().constraints());
        root.put("concurrency", spec.concurrency().text());
        if (spec.startingDeadline() != null) {
            root.put("startingDeadlineMillis", spec.startingDeadline().toMillis());
        }
        root.put("successfulHistoryLimit", spec.successfulHistoryLimit());
        root.put("failedHistoryLimit", spec.failedHistoryLimit());
        root.put("suspend", spec.suspend());
        return root.toString();
    }

    public ScheduledTaskSpec fromJson(String json) {
        JsonNode root = mapper.readTree(json);
        JsonNode overrides = root.get("overrides");
        JsonNode deadline = root.get("startingDeadlineMillis");
        return new ScheduledTaskSpec(root.path("schedule").stringValue(), text(root, "timezone"),
                root.path("taskDefinition").stringValue(), root.path("count").asInt(1),
                overrides == null ? null : overridesJson.fromJson(overrides.toString()),
                new Placement(PlacementJson.strategies(root), PlacementJson.constraints(root)),
                Concurrency.parse(root.path("concurrency").asString("Allow")).orElse(Concurrency.ALLOW),
                deadline == null ? null : Duration.ofMillis(deadline.asLong()),
                root.path("successfulHistoryLimit").asInt(ScheduledTaskSpec.DEFAULT_SUCCESSFUL_HISTORY),
                root.path("failedHistoryLimit").asInt(ScheduledTaskSpec.DEFAULT_FAILED_HISTORY),
                root.path("suspend").asBoolean(false));
    }

    public String firingsToJson(List<Firing> firings) {
        ArrayNode array = mapper.createArrayNode();
        for (Firing f : firings) {
            ObjectNode node = array.addObject();
            node.put("fireTime", f.fireTime().toString());
            node.put("outcome", f.outcome().name());
            if (f.reason() != null) {
                node.put("reason", f.reason());
            }
            ArrayNode ids = node.putArray("taskIds");
            f.taskIds().forEach(id -> ids.add(id.toString()));
            node.put("recordedAt", f.recordedAt().toString());
        }
        return array.toString();
    }

    public List<Firing> firingsFromJson(String json) {
        List<Firing> firings = new ArrayList<>();
        for (JsonNode node : mapper.readTree(json)) {
            List<UUID> ids = new ArrayList<>();
            node.path("taskIds").forEach(id -> ids.add(UUID.fromString(id.stringValue())));
            firings.add(new Firing(Instant.parse(node.path("fireTime").stringValue()),
                    FiringOutcome.valueOf(node.path("outcome").stringValue()), text(node, "reason"), ids,
                    Instant.parse(node.path("recordedAt").stringValue())));
        }
        return firings;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.stringValue();
    }
}
