package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.util.List;

/** Volume drivers are plugins running as root on the host: only those the operator trusts. */
final class VolumeDriverRule implements PolicyRule {

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        List<TaskOptions.Volume> volumes = spec.options().volumes();
        for (int v = 0; v < volumes.size(); v++) {
            TaskOptions.DockerVolume docker = volumes.get(v).docker();
            if (docker != null && !policy.allowsVolumeDriver(docker.driver())) {
                findings.refuse("volumes[" + v + "].dockerVolumeConfiguration.driver",
                        "volume driver \"" + docker.driver() + "\"",
                        "allowedVolumeDrivers: " + policy.allowedVolumeDrivers());
            }
        }
    }
}
