package io.berth.reconciler.taskwork;

import io.berth.docker.PullPolicy;
import io.berth.reconciler.hosts.ContainerSpecFactory;
import io.berth.reconciler.policy.ClusterSettings;

import java.time.Duration;
import java.util.UUID;

/**
 * @param stopTimeout  grace between SIGTERM and SIGKILL when Berth stops a container
 * @param installation the id of this Berth's database, on every container it creates
 * @param clusters     cluster policies and registry credentials, read at each launch
 */
public record ExecutorSettings(PullPolicy pullPolicy, Duration stopTimeout, UUID installation,
                               ClusterSettings clusters) {

    /** With {@link ClusterSettings#DEFAULTS}: every cluster denies privileged containers, no stored credentials. */
    public ExecutorSettings(PullPolicy pullPolicy, Duration stopTimeout, UUID installation) {
        this(pullPolicy, stopTimeout, installation, ClusterSettings.DEFAULTS);
    }

    ContainerSpecFactory containerSpecs() {
        return new ContainerSpecFactory(stopTimeout, installation);
    }
}
