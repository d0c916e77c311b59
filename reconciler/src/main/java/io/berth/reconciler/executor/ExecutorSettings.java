package io.berth.reconciler.executor;

import io.berth.docker.PullPolicy;
import io.berth.reconciler.engine.ContainerSpecFactory;

import java.time.Duration;
import java.util.UUID;

/**
 * @param stopTimeout  grace between SIGTERM and SIGKILL when Berth stops a container
 * @param installation the id of this Berth's database, on every container it creates
 */
public record ExecutorSettings(PullPolicy pullPolicy, Duration stopTimeout, UUID installation) {

    ContainerSpecFactory containerSpecs() {
        return new ContainerSpecFactory(stopTimeout, installation);
    }
}
