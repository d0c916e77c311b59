package io.berth.app.manifest;

import io.berth.reconciler.scheduler.placement.InvalidPlacementException;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.placement.PlacementStrategy;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code placementStrategy: [{type, field}]} and {@code placementConstraints: [{type, expression}]}. A bad
 * memberOf expression is reported at its field with the column of the error, e.g.
 * {@code spec.placementConstraints[0].expression: column 16: unknown operator '='}.
 */
public final class PlacementReader {

    /** ECS's limits. */
    static final int MAX_STRATEGIES = PlacementStrategy.MAX_CHAINED;
    static final int MAX_CONSTRAINTS = 10;

    private PlacementReader() {
    }

    public static List<PlacementStrategy> strategies(JsonNode node, String path, ErrorCollector errors) {
        List<PlacementStrategy> result = new ArrayList<>();
        if (!isList(node, path, "{type, field}", errors)) {
            return result;
        }
        if (node.size() > MAX_STRATEGIES) {
            errors.reject(path, "must list at most " + MAX_STRATEGIES + " strategies, got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            ObjectFields fields = ObjectFields.of(node.get(i), itemPath, errors);
            if (fields == null) {
                continue;
            }
            String type = fields.requiredString("type");
            String field = fields.string("field");
            fields.rejectUnknown();
            if (type == null) {
                continue;
            }
            try {
                result.add(PlacementStrategy.of(type, field));
            } catch (InvalidPlacementException e) {
                errors.reject(itemPath + "." + e.part(), e.reason());
            }
        }
        return result;
    }

    /** @param memberOfOnly task definitions allow memberOf only, as in ECS */
    public static List<PlacementConstraint> constraints(JsonNode node, String path, boolean memberOfOnly, ErrorCollector errors) {
        List<PlacementConstraint> result = new ArrayList<>();
        if (!isList(node, path, "{type, expression}", errors)) {
            return result;
        }
        if (node.size() > MAX_CONSTRAINTS) {
            errors.reject(path, "must list at most " + MAX_CONSTRAINTS + " constraints, got " + node.size());
        }
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            ObjectFields fields = ObjectFields.of(node.get(i), itemPath, errors);
            if (fields == null) {
                continue;
            }
            String type = fields.requiredString("type");
            String expression = fields.string("expression");
            fields.rejectUnknown();
            if (type == null) {
                continue;
            }
            if (memberOfOnly && !type.equals("memberOf")) {
                errors.reject(itemPath + ".type", "a task definition allows only memberOf constraints, got \"" + type
                        + "\" (put distinctInstance on the service)");
                continue;
            }
            try {
                result.add(PlacementConstraint.of(type, expression));
            } catch (InvalidPlacementException e) {
                errors.reject(itemPath + "." + e.part(), e.reason());
            }
        }
        return result;
    }

    private static boolean isList(JsonNode node, String path, String of, ErrorCollector errors) {
        if (node == null) {
            return false;
        }
        if (!node.isArray()) {
            errors.reject(path, "must be a list of " + of + ", got " + NodeTypes.describe(node));
            return false;
        }
        return true;
    }
}
