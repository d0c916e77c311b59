package io.berth.reconciler.store;

import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Storage form of placement strategies and constraints: {@code [{type, field}]} and {@code [{type, expression}]}, as
 * the user wrote them. Left out when empty, so specs stored before placement existed keep their hash.
 */
final class PlacementJson {

    static final String STRATEGIES = "placementStrategy";
    static final String CONSTRAINTS = "placementConstraints";

    private PlacementJson() {
    }

    static void putStrategies(ObjectNode root, List<PlacementStrategy> strategies) {
        if (strategies.isEmpty()) {
            return;
        }
        ArrayNode array = root.putArray(STRATEGIES);
        for (PlacementStrategy s : strategies) {
            ObjectNode node = array.addObject().put("type", s.type());
            if (s.field() != null) {
                node.put("field", s.field());
            }
        }
    }

    static void putConstraints(ObjectNode root, List<PlacementConstraint> constraints) {
        if (constraints.isEmpty()) {
            return;
        }
        ArrayNode array = root.putArray(CONSTRAINTS);
        for (PlacementConstraint c : constraints) {
            ObjectNode node = array.addObject().put("type", c.type());
            if (c.expression() != null) {
                node.put("expression", c.expression());
            }
        }
    }

    /** @throws IllegalArgumentException when a stored strategy is not one any more */
    static List<PlacementStrategy> strategies(JsonNode root) {
        List<PlacementStrategy> result = new ArrayList<>();
        for (JsonNode n : root.path(STRATEGIES)) {
            result.add(PlacementStrategy.of(text(n, "type"), text(n, "field")));
        }
        return result;
    }

    static List<PlacementConstraint> constraints(JsonNode root) {
        List<PlacementConstraint> result = new ArrayList<>();
        for (JsonNode n : root.path(CONSTRAINTS)) {
            result.add(PlacementConstraint.of(text(n, "type"), text(n, "expression")));
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.stringValue();
    }
}
