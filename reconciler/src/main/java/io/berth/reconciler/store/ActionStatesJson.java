package io.berth.reconciler.store;

import io.berth.reconciler.autoscaling.ActionState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Storage form of a service's scheduled scaling actions' states ({@code service.scheduled_actions}):
 * {@code {"name": {"armedAt": "...", "firedAt": "..."}}}, instants as ISO-8601.
 */
public final class ActionStatesJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private ActionStatesJson() {
    }

    public static String toJson(Map<String, ActionState> states) {
        ObjectNode root = MAPPER.createObjectNode();
        states.forEach((name, s) -> {
            ObjectNode n = root.putObject(name).put("armedAt", s.armedAt().toString());
            if (s.firedAt() != null) {
                n.put("firedAt", s.firedAt().toString());
            }
        });
        return MAPPER.writeValueAsString(root);
    }

    /** Null or empty text: no states. */
    public static Map<String, ActionState> fromJson(String json) {
        Map<String, ActionState> states = new HashMap<>();
        if (json == null || json.isBlank()) {
            return states;
        }
        JsonNode root = MAPPER.readTree(json);
        root.properties().forEach(e -> {
            JsonNode fired = e.getValue().path("firedAt");
            states.put(e.getKey(), new ActionState(Instant.parse(e.getValue().path("armedAt").asString()),
                    fired.isString() ? Instant.parse(fired.asString()) : null));
        });
        return states;
    }
}
