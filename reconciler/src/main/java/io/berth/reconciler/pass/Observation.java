package io.berth.reconciler.pass;

import io.berth.reconciler.model.ObservedContainer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the engines said this pass: containers by task id, and which instances answered at all. */
record Observation(Map<UUID, List<ObservedContainer>> containersByTask, Set<UUID> answered) {
}
