package io.berth.app.manifest;

import io.berth.reconciler.model.TaskOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the task-level {@code networkMode} and {@code volumes} (ECS's names and shapes) from a task definition's
 * object. Type errors only; rules are in {@link TaskOptionsValidator}.
 */
final class TaskOptionsReader {

    TaskOptions.NetworkMode networkMode(ObjectFields fields, ErrorCollector errors) {
        String mode = fields.string("networkMode");
        if (mode == null) {
            return TaskOptions.NetworkMode.BRIDGE;
        }
        return switch (mode) {
            case "bridge" -> TaskOptions.NetworkMode.BRIDGE;
            case "host" -> TaskOptions.NetworkMode.HOST;
            case "none" -> TaskOptions.NetworkMode.NONE;
            case "awsvpc" -> {
                errors.reject(fields.path("networkMode"), "awsvpc gives each task an AWS network interface, which "
                        + "does not exist on plain Docker hosts: use bridge (the default), host or none");
                yield TaskOptions.NetworkMode.BRIDGE;
            }
            default -> {
                errors.reject(fields.path("networkMode"), "must be bridge, host or none, got \"" + mode + "\"");
                yield TaskOptions.NetworkMode.BRIDGE;
            }
        };
    }

    List<TaskOptions.Volume> volumes(ObjectFields fields) {
        return fields.objects("volumes", v -> {
            String name = v.requiredString("name");
            String sourcePath = null;
            ObjectFields host = v.object("host");
            if (host != null) {
                sourcePath = host.string("sourcePath");
                host.rejectUnknown();
            }
            TaskOptions.DockerVolume docker = null;
            ObjectFields d = v.object("dockerVolumeConfiguration");
            if (d != null) {
                String scope = d.string("scope");
                Boolean autoprovision = d.bool("autoprovision");
                docker = new TaskOptions.DockerVolume(scope == null ? null : scope.toLowerCase(Locale.ROOT),
                        Boolean.TRUE.equals(autoprovision), d.string("driver"), d.stringMap("driverOpts"),
                        d.stringMap("labels"));
                d.rejectUnknown();
            }
            v.rejectUnknown();
            return new TaskOptions.Volume(name == null ? "" : name, sourcePath, docker);
        });
    }

    /** Manifest tags: a map. */
    Map<String, String> tagMap(ObjectFields fields) {
        Map<String, String> tags = fields.stringMap("tags");
        return tags == null ? Map.of() : tags;
    }

    /** ECS tags: {@code [{key, value}]}. */
    Map<String, String> tagList(ObjectFields fields) {
        Map<String, String> tags = new LinkedHashMap<>();
        fields.objects("tags", tag -> {
            String key = tag.requiredString("key");
            String value = tag.string("value");
            tag.rejectUnknown();
            if (key != null) {
                tags.put(key, value == null ? "" : value);
            }
            return null;
        });
        return tags;
    }
}
