package io.berth.reconciler.scheduler.placement;

import io.berth.reconciler.scheduler.query.Expression;
import io.berth.reconciler.scheduler.query.QueryParser;
import io.berth.reconciler.scheduler.query.QuerySyntaxException;

/** A hard rule on where a task may run (ECS placement constraints). */
public sealed interface PlacementConstraint {

    /** The manifest's {@code type}. */
    String type();

    /** The manifest's {@code expression}, or null. */
    String expression();

    /** {@code distinctInstance}: no two tasks of the group on one instance. */
    record DistinctInstance() implements PlacementConstraint {
        @Override
        public String type() {
            return "distinctInstance";
        }

        @Override
        public String expression() {
            return null;
        }
    }

    /**
     * {@code memberOf}: only instances the cluster query selects.
     *
     * @param expression as written; kept so that storing and explaining show the user's own words
     * @param query      parsed once, evaluated for every instance
     */
    record MemberOf(String expression, Expression query) implements PlacementConstraint {

        /** @throws QuerySyntaxException with the column of the error */
        public static MemberOf parse(String expression) {
            return new MemberOf(expression, QueryParser.parse(expression));
        }

        @Override
        public String type() {
            return "memberOf";
        }
    }

    /**
     * Reads {@code {type, expression}} as written in a manifest.
     *
     * @throws InvalidPlacementException naming the part that is wrong; for a bad expression its message starts with
     *                                   the column
     */
    static PlacementConstraint of(String type, String expression) {
        if (type == null) {
            throw new InvalidPlacementException("type", "is required (distinctInstance or memberOf)");
        }
        return switch (type) {
            case "distinctInstance" -> {
                if (expression != null) {
                    throw new InvalidPlacementException("expression", "distinctInstance takes no expression");
                }
                yield new DistinctInstance();
            }
            case "memberOf" -> {
                if (expression == null) {
                    throw new InvalidPlacementException("expression", "is required for memberOf, e.g. \"attribute:zone == a\"");
                }
                try {
                    yield MemberOf.parse(expression);
                } catch (QuerySyntaxException e) {
                    throw new InvalidPlacementException("expression", e.getMessage() + " in \"" + expression + "\"");
                }
            }
            default -> throw new InvalidPlacementException("type",
                    "must be distinctInstance or memberOf, got \"" + type + "\"");
        };
    }
}
