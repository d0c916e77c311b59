package io.berth.reconciler.scheduler.scorers;

import io.berth.reconciler.scheduler.spi.InstanceLoad;
import io.berth.reconciler.scheduler.spi.PlacementScorer;
import io.berth.reconciler.scheduler.spi.TaskRequirements;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * ECS "spread": prefer the instance (or the attribute value, e.g. the zone) running the fewest tasks of the same
 * group. Instances lacking the attribute form one more value of their own.
 */
public final class SpreadScorer implements PlacementScorer {

    private final String attribute;

    /** Spread across instances. */
    public SpreadScorer() {
        this(null);
    }

    /** @param attribute spread across this attribute's values; null = across instances */
    public SpreadScorer(String attribute) {
        this.attribute = attribute;
    }

    /** The attribute spread across, or null for spreading across instances. */
    public String attribute() {
        return attribute;
    }

    @Override
    public double score(TaskRequirements task, InstanceLoad instance) {
        if (attribute != null) {
            throw new IllegalStateException("spread by attribute scores only after prepare()");
        }
        return -instance.tasksOf(task.group());
    }

    @Override
    public PlacementScorer prepare(TaskRequirements task, Collection<InstanceLoad> cluster) {
        if (attribute == null) {
            return this;
        }
        Map<String, Integer> perValue = new HashMap<>();
        for (InstanceLoad i : cluster) {
            perValue.merge(valueOf(i), i.tasksOf(task.group()), Integer::sum);
        }
        return (t, instance) -> -perValue.getOrDefault(valueOf(instance), 0); // per instance: one lookup, no allocation
    }

    /** Null for an instance without the attribute: HashMap keeps null as a key of its own, and nothing is allocated. */
    private String valueOf(InstanceLoad instance) {
        return instance.attribute(attribute);
    }
}
