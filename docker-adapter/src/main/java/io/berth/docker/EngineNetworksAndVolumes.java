package io.berth.docker;

import com.github.dockerjava.api.DockerClient;

import java.util.List;
import java.util.Map;

import static io.berth.docker.DockerJavaEngine.dockerLabelFilter;

/**
 * The networks and volumes Berth makes for tasks: created idempotently (a lost race with another create of the same
 * name is success), removed without complaint when already gone, listed by label. Split from
 * {@link DockerJavaEngine}, which keeps the container calls.
 */
final class EngineNetworksAndVolumes {

    private final DockerClient requests;
    private final ResilientCalls calls;

    EngineNetworksAndVolumes(DockerClient requests, ResilientCalls calls) {
        this.requests = requests;
        this.calls = calls;
    }

    void createNetwork(String name, Map<String, String> labels) {
        if (!networkNamed(name).isEmpty()) {
            return;
        }
        try {
            calls.once("create network " + name, () -> requests.createNetworkCmd().withName(name).withDriver("bridge")
                    .withCheckDuplicate(true).withLabels(labels).exec());
        } catch (EngineException e) {
            // Lost a race with another create of the same name: the network exists, which is all that was asked.
            if (e.kind() != EngineException.Kind.CONFLICT && networkNamed(name).isEmpty()) throw e;
        }
    }

    private List<com.github.dockerjava.api.model.Network> networkNamed(String name) {
        // Docker's name filter matches substrings: keep exact matches only.
        return calls.idempotent("list networks " + name, () -> requests.listNetworksCmd().withNameFilter(name).exec())
                .stream().filter(n -> name.equals(n.getName())).toList();
    }

    void removeNetwork(String name) {
        try {
            calls.idempotent("remove network " + name, () -> {
                requests.removeNetworkCmd(name).exec();
                return null;
            });
        } catch (EngineException e) {
            if (e.kind() != EngineException.Kind.NOT_FOUND) throw e;
        }
    }

    List<EngineResource> networks(Map<String, String> labelFilter) {
        Map<String, String> filter = dockerLabelFilter(labelFilter);
        return calls.idempotent("list networks", () -> {
            var cmd = requests.listNetworksCmd();
            if (!filter.isEmpty()) cmd.withFilter("label", filter.entrySet().stream()
                    .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue()).toList());
            return cmd.exec().stream().map(n -> new EngineResource(n.getName(), n.getLabels())).toList();
        });
    }

    void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        // Docker's volume create returns the existing volume of that name: idempotent by itself.
        calls.idempotent("create volume " + name, () -> {
            var cmd = requests.createVolumeCmd().withName(name).withLabels(labels == null ? Map.of() : labels);
            if (driver != null) cmd.withDriver(driver);
            if (driverOpts != null && !driverOpts.isEmpty()) cmd.withDriverOpts(driverOpts);
            return cmd.exec();
        });
    }

    void removeVolume(String name) {
        try {
            calls.idempotent("remove volume " + name, () -> {
                requests.removeVolumeCmd(name).exec();
                return null;
            });
        } catch (EngineException e) {
            if (e.kind() != EngineException.Kind.NOT_FOUND) throw e;
        }
    }

    List<EngineResource> volumes(Map<String, String> labelFilter) {
        Map<String, String> filter = dockerLabelFilter(labelFilter);
        return calls.idempotent("list volumes", () -> {
            var cmd = requests.listVolumesCmd();
            if (!filter.isEmpty()) cmd.withFilter("label", filter.entrySet().stream()
                    .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue()).toList());
            var volumes = cmd.exec().getVolumes();
            return volumes == null ? List.<EngineResource>of() : volumes.stream()
                    .map(v -> new EngineResource(v.getName(), v.getLabels())).toList();
        });
    }
}
