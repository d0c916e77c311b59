package io.berth.reconciler.executor;

import io.berth.docker.PullPolicy;
import io.berth.reconciler.engine.ContainerSpecFactory;

import java.time.Duration;

/**
 * @param stopTimeout grace between SIGTERM and SIGKILL when Berth stops a container
 */
public record ExecutorSettings(PullPolicy pullPolicy, Duration stopTimeout) {

    public static ExecutorSettings defaults() {
        return new ExecutorSettings(PullPolicy.DEFAULT, Duration.ofSeconds(10));
    }

    ContainerSpecFactory containerSpecs() {
        return new ContainerSpecFactory(stopTimeout);
    }
}
