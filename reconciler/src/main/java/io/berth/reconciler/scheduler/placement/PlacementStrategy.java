package io.berth.reconciler.scheduler.placement;

import io.berth.reconciler.scheduler.query.QueryParser;

import java.util.Locale;

/**
 * One ECS placement strategy. A service (or a one-off task) lists up to {@link #MAX_CHAINED}; they are applied in
 * order, each breaking the ties of the previous.
 */
public sealed interface PlacementStrategy {

    int MAX_CHAINED = 5;

    /** The manifest's {@code type}. */
    String type();

    /** The manifest's {@code field}, or null (random has none). */
    String field();

    /** {@code binpack}: fill the instance with the least of the resource left, so whole hosts stay free. */
    record Binpack(Resource resource) implements PlacementStrategy {
        @Override
        public String type() {
            return "binpack";
        }

        @Override
        public String field() {
            return resource.name().toLowerCase(Locale.ROOT);
        }
    }

    enum Resource { CPU, MEMORY }

    /**
     * {@code spread}: balance the tasks of a group across the values of a field — each instance ({@code instanceId},
     * {@code host}: the same thing here, one engine per host) or each value of an attribute ({@code attribute:zone});
     * instances lacking the attribute count as one more value.
     *
     * @param attribute the attribute name, or null for spreading across instances
     */
    record Spread(String attribute) implements PlacementStrategy {
        public static final Spread INSTANCES = new Spread(null);

        @Override
        public String type() {
            return "spread";
        }

        @Override
        public String field() {
            return attribute == null ? "instanceId" : "attribute:" + attribute;
        }
    }

    /** {@code random}: any feasible instance, uniformly (among those the earlier strategies tie on). */
    record Random() implements PlacementStrategy {
        @Override
        public String type() {
            return "random";
        }

        @Override
        public String field() {
            return null;
        }
    }

    /**
     * Reads {@code {type, field}} as written in a manifest.
     *
     * @throws InvalidPlacementException naming the part ("type" or "field") that is wrong
     */
    static PlacementStrategy of(String type, String field) {
        if (type == null) {
            throw new InvalidPlacementException("type", "is required (binpack, spread or random)");
        }
        return switch (type) {
            case "binpack" -> {
                if ("cpu".equals(field)) {
                    yield new Binpack(Resource.CPU);
                }
                if ("memory".equals(field)) {
                    yield new Binpack(Resource.MEMORY);
                }
                throw new InvalidPlacementException("field", "binpack needs field cpu or memory, got " + quoted(field));
            }
            case "spread" -> {
                if ("instanceId".equals(field) || "host".equals(field)) {
                    yield Spread.INSTANCES;
                }
                if (field != null && field.startsWith("attribute:")) {
                    String name = field.substring("attribute:".length());
                    if (!QueryParser.isAttributeName(name)) {
                        throw new InvalidPlacementException("field", "attribute names are 1-128 letters, digits, '-', "
                                + "'_', '.' or '/', got \"" + name + "\"");
                    }
                    yield new Spread(name);
                }
                throw new InvalidPlacementException("field", "spread needs field instanceId, host or attribute:NAME, got "
                        + quoted(field));
            }
            case "random" -> {
                if (field != null) {
                    throw new InvalidPlacementException("field", "random takes no field");
                }
                yield new Random();
            }
            default -> throw new InvalidPlacementException("type", "must be binpack, spread or random, got \"" + type + "\"");
        };
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
