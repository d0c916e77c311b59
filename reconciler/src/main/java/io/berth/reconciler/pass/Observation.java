package io.berth.reconciler.pass;

import io.berth.docker.ContainerState;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the engines said this pass: containers by task id, and which instances answered at all. */
record Observation(Map<UUID, List<ContainerState>> containersByTask, Set<UUID> answered) {
}
