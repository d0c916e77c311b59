package io.berth.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Containers for which this engine's event stream reported an {@code oom} event, the most recent few thousand.
 *
 * <p>Why: Docker's {@code State.OOMKilled} is set only when containerd's OOM event reaches dockerd before the exit
 * event. The two come from different sources inside containerd (the cgroup OOM notifier and the shim's exit), and
 * on a busy host the exit sometimes wins: the container then shows exit code 137 and {@code OOMKilled=false}
 * although the {@code oom} event does arrive (containerd/containerd#8180, fixed upstream only in 2025). Remembering
 * the event lets an inspect that comes after it report the OOM kill anyway. An inspect that comes before a late
 * event still cannot know; that residue is Docker's.
 */
final class OomSightings {

    private final int capacity;
    private final Map<String, Boolean> seen;

    OomSightings(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        this.capacity = capacity;
        // access order = false: eviction by insertion, so a container seen once long ago goes first.
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > OomSightings.this.capacity;
            }
        };
    }

    /** Notes an engine event; only {@code oom} events of a container count. */
    void observe(EngineEvent event) {
        if ("oom".equals(event.action()) && event.containerId() != null) {
            synchronized (seen) {
                seen.put(event.containerId(), Boolean.TRUE);
            }
        }
    }

    /** The state with {@code oomKilled} set if Docker missed it but its event stream reported the kill. */
    ContainerState amend(ContainerState state) {
        if (state == null || state.oomKilled() || state.exitCode() == null || state.exitCode() != 137) {
            return state;
        }
        boolean killed;
        synchronized (seen) {
            killed = seen.containsKey(state.id());
        }
        if (!killed) {
            return state;
        }
        return new ContainerState(state.id(), state.name(), state.image(), state.labels(), state.status(),
                state.running(), state.exitCode(), true, state.health(), state.error(), state.ports(),
                state.startedAt(), state.finishedAt());
    }
}
