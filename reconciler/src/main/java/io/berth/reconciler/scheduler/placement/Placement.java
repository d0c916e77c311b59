package io.berth.reconciler.scheduler.placement;

import java.util.ArrayList;
import java.util.List;

/**
 * Where tasks of one group may go and which instance is preferred: the constraints every placement must satisfy
 * and the strategies that rank the instances that do. The one type services and one-off tasks both hand to the
 * scheduler.
 *
 * @param strategies  in order, the first dominating; empty means the service default
 * @param constraints all must hold
 */
public record Placement(List<PlacementStrategy> strategies, List<PlacementConstraint> constraints) {

    /**
     * ECS's default for services: spread across zones when the instances have a {@code zone} attribute (when none
     * has it every instance ties on the first strategy, so this is just spreading across instances), then across
     * instances.
     */
    public static final List<PlacementStrategy> SERVICE_DEFAULT_STRATEGIES =
            List.of(new PlacementStrategy.Spread("zone"), PlacementStrategy.Spread.INSTANCES);

    public static final Placement SERVICE_DEFAULT = new Placement(List.of(), List.of());

    public Placement {
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }

    /** The strategies to rank by: the declared ones, or the default when none is declared. */
    public List<PlacementStrategy> effectiveStrategies() {
        return strategies.isEmpty() ? SERVICE_DEFAULT_STRATEGIES : strategies;
    }

    /** Adds constraints that come from elsewhere (the task definition's) to the declared ones. */
    public Placement withMoreConstraints(List<PlacementConstraint> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<PlacementConstraint> all = new ArrayList<>(constraints);
        all.addAll(more);
        return new Placement(strategies, all);
    }
}
