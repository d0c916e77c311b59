package io.berth.reconciler.scheduler.filters;

import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementFilter;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.List;

/** ECS {@code memberOf}: only instances the cluster query selects. Explained with the user's own expression. */
public final class MemberOfFilter implements PlacementFilter {

    private final PlacementConstraint.MemberOf constraint;

    public MemberOfFilter(PlacementConstraint.MemberOf constraint) {
        this.constraint = constraint;
    }

    @Override
    public boolean accepts(TaskRequirements task, InstanceLoad instance) {
        return constraint.query().test(instance);
    }

    @Override
    public String explain(TaskRequirements task, List<InstanceLoad> rejected) {
        return (rejected.size() == 1 ? "fails " : "fail ") + constraint.expression();
    }
}
