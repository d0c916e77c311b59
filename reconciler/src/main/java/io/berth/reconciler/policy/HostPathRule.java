package io.berth.reconciler.policy;

import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Host paths as volumes. {@code host.sourcePath} is one; so is a Docker volume whose driver options name one: the
 * local driver mounts {@code device} with {@code type: none, o: bind} as a bind mount of any host directory, and a
 * {@code device} like /dev/sda1 is the host's disk. Any option value starting with "/" counts, whatever the driver:
 * a path is the host's, since the driver runs on the host.
 */
final class HostPathRule implements PolicyRule {

    private static final String SETTING = "allowHostPaths is false";

    @Override
    public void check(TaskDefinitionSpec spec, ClusterPolicy policy, PolicyFindings findings) {
        if (policy.allowHostPaths()) {
            return;
        }
        List<TaskOptions.Volume> volumes = spec.options().volumes();
        for (int v = 0; v < volumes.size(); v++) {
            TaskOptions.Volume volume = volumes.get(v);
            if (volume.hostSourcePath() != null) {
                findings.refuse("volumes[" + v + "].host.sourcePath", "host path " + volume.hostSourcePath(), SETTING);
            }
            if (volume.docker() != null) {
                // Sorted: the same definition is refused with the same words every time.
                Map<String, String> opts = new TreeMap<>(volume.docker().driverOpts());
                String options = "volumes[" + v + "].dockerVolumeConfiguration.driverOpts.";
                if (isBind(opts)) {
                    // The device is the host path a bind mounts; without one the mount flags are what asks for it.
                    String key = opts.containsKey("device") ? "device" : opts.containsKey("o") ? "o" : "type";
                    findings.refuse(options + key, "volume driver option " + key + "=" + opts.get(key)
                            + " (a bind mount of a host path)", SETTING);
                    opts.remove(key);
                }
                opts.forEach((key, value) -> {
                    if (value != null && value.strip().startsWith("/")) {
                        findings.refuse(options + key, "volume driver option " + key + "=" + value
                                + " (a host path)", SETTING);
                    }
                });
            }
        }
    }

    /** The local driver's bind: {@code o} has the bind flag, or {@code type} is none (mount --bind needs no type). */
    private static boolean isBind(Map<String, String> opts) {
        String o = opts.getOrDefault("o", "");
        for (String flag : o.split(",")) {
            String f = flag.strip().toLowerCase(Locale.ROOT);
            if (f.equals("bind") || f.equals("rbind")) {
                return true;
            }
        }
        return "none".equalsIgnoreCase(opts.getOrDefault("type", "").strip());
    }
}
