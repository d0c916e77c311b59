package io.berth.reconciler.store;

import io.berth.reconciler.model.ContainerDependency;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.SecretFile;
import io.berth.reconciler.model.SecretReference;
import io.berth.reconciler.model.TaskOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Storage form of {@link ContainerOptions} and {@link TaskOptions}, written into the container's / spec's node by
 * {@link SpecJson}. Unset values are left out, so that specs stored before these fields existed keep their hash.
 */
final class OptionsJson {

    private OptionsJson() {
    }

    static void write(ContainerOptions o, ObjectNode node) {
        if (o.credentialsParameter() != null) {
            node.putObject("repositoryCredentials").put("credentialsParameter", o.credentialsParameter());
        }
        putText(node, "workingDirectory", o.workingDirectory());
        putMap(node, "dockerLabels", o.dockerLabels());
        putText(node, "user", o.user());
        putList(node, "ulimits", o.ulimits(), (u, n) -> n.put("name", u.name()).put("softLimit", u.softLimit())
                .put("hardLimit", u.hardLimit()));
        if (o.initProcessEnabled() || !o.capabilitiesAdd().isEmpty() || !o.capabilitiesDrop().isEmpty()) {
            ObjectNode linux = node.putObject("linuxParameters");
            if (o.initProcessEnabled()) {
                linux.put("initProcessEnabled", true);
            }
            if (!o.capabilitiesAdd().isEmpty() || !o.capabilitiesDrop().isEmpty()) {
                ObjectNode caps = linux.putObject("capabilities");
                putStrings(caps, "add", o.capabilitiesAdd());
                putStrings(caps, "drop", o.capabilitiesDrop());
            }
        }
        if (o.readonlyRootFilesystem()) node.put("readonlyRootFilesystem", true);
        if (o.privileged()) node.put("privileged", true);
        putStrings(node, "dockerSecurityOptions", o.dockerSecurityOptions());
        putDuration(node, "stopTimeout", o.stopTimeout());
        putDuration(node, "startTimeout", o.startTimeout());
        putList(node, "mountPoints", o.mountPoints(), (m, n) -> n.put("sourceVolume", m.sourceVolume())
                .put("containerPath", m.containerPath()).put("readOnly", m.readOnly()));
        putList(node, "volumesFrom", o.volumesFrom(), (v, n) -> n.put("sourceContainer", v.sourceContainer())
                .put("readOnly", v.readOnly()));
        if (o.logConfiguration() != null) {
            ObjectNode log = node.putObject("logConfiguration").put("logDriver", o.logConfiguration().logDriver());
            putMap(log, "options", o.logConfiguration().options());
        }
        putText(node, "hostname", o.hostname());
        putList(node, "extraHosts", o.extraHosts(), (h, n) -> n.put("hostname", h.hostname())
                .put("ipAddress", h.ipAddress()));
        putStrings(node, "dnsServers", o.dnsServers());
        putStrings(node, "links", o.links());
        putList(node, "dependsOn", o.dependsOn(), (d, n) -> n.put("containerName", d.containerName())
                .put("condition", d.condition().name()));
        putList(node, "secrets", o.secrets(), (r, n) -> n.put("name", r.name()).put("valueFrom", r.valueFrom()));
        putList(node, "files", o.files(), (f, n) -> n.put("path", f.path()).put(f.source().field(), f.name())
                .put("key", f.key()).put("mode", f.mode()).put("uid", f.uid()).put("gid", f.gid()));
    }

    static ContainerOptions readContainer(JsonNode node) {
        ContainerOptions.Builder b = ContainerOptions.builder();
        JsonNode credentials = node.get("repositoryCredentials");
        if (credentials != null) {
            b.credentialsParameter(credentials.get("credentialsParameter").stringValue());
        }
        b.workingDirectory(text(node, "workingDirectory"));
        b.dockerLabels(map(node.get("dockerLabels")));
        b.user(text(node, "user"));
        b.ulimits(list(node.get("ulimits"), u -> new ContainerOptions.Ulimit(u.get("name").stringValue(),
                u.get("softLimit").longValue(), u.get("hardLimit").longValue())));
        JsonNode linux = node.get("linuxParameters");
        if (linux != null) {
            b.initProcessEnabled(linux.has("initProcessEnabled") && linux.get("initProcessEnabled").booleanValue());
            JsonNode caps = linux.get("capabilities");
            if (caps != null) {
                b.capabilitiesAdd(strings(caps.get("add")));
                b.capabilitiesDrop(strings(caps.get("drop")));
            }
        }
        b.readonlyRootFilesystem(flag(node, "readonlyRootFilesystem"));
        b.privileged(flag(node, "privileged"));
        b.dockerSecurityOptions(strings(node.get("dockerSecurityOptions")));
        b.stopTimeout(duration(node, "stopTimeout"));
        b.startTimeout(duration(node, "startTimeout"));
        b.mountPoints(list(node.get("mountPoints"), m -> new ContainerOptions.MountPoint(
                m.get("sourceVolume").stringValue(), m.get("containerPath").stringValue(),
                m.get("readOnly").booleanValue())));
        b.volumesFrom(list(node.get("volumesFrom"), v -> new ContainerOptions.VolumeFrom(
                v.get("sourceContainer").stringValue(), v.get("readOnly").booleanValue())));
        JsonNode log = node.get("logConfiguration");
        if (log != null) {
            b.logConfiguration(new ContainerOptions.LogConfiguration(log.get("logDriver").stringValue(),
                    map(log.get("options"))));
        }
        b.hostname(text(node, "hostname"));
        b.extraHosts(list(node.get("extraHosts"), h -> new ContainerOptions.HostEntry(
                h.get("hostname").stringValue(), h.get("ipAddress").stringValue())));
        b.dnsServers(strings(node.get("dnsServers")));
        b.links(strings(node.get("links")));
        b.dependsOn(list(node.get("dependsOn"), d -> new ContainerDependency(d.get("containerName").stringValue(),
                ContainerDependency.Condition.valueOf(d.get("condition").stringValue()))));
        b.secrets(list(node.get("secrets"), r -> {
            String valueFrom = r.get("valueFrom").stringValue();
            int colon = valueFrom.lastIndexOf(':');
            return new SecretReference(r.get("name").stringValue(), valueFrom.substring(0, colon),
                    valueFrom.substring(colon + 1));
        }));
        b.files(list(node.get("files"), f -> {
            SecretFile.Source source = f.has("secret") ? SecretFile.Source.SECRET : SecretFile.Source.CONFIG;
            return new SecretFile(f.get("path").stringValue(), source, f.get(source.field()).stringValue(),
                    f.get("key").stringValue(), f.get("mode").intValue(), f.get("uid").intValue(),
                    f.get("gid").intValue());
        }));
        return b.build();
    }

    static void write(TaskOptions o, ObjectNode node) {
        if (o.networkMode() != TaskOptions.NetworkMode.BRIDGE) {
            node.put("networkMode", o.networkMode().name().toLowerCase(java.util.Locale.ROOT));
        }
        putList(node, "volumes", o.volumes(), (v, n) -> {
            n.put("name", v.name());
            if (v.hostSourcePath() != null) {
                n.putObject("host").put("sourcePath", v.hostSourcePath());
            }
            if (v.docker() != null) {
                TaskOptions.DockerVolume d = v.docker();
                ObjectNode docker = n.putObject("dockerVolumeConfiguration").put("scope", d.scope())
                        .put("autoprovision", d.autoprovision());
                putText(docker, "driver", d.driver());
                putMap(docker, "driverOpts", d.driverOpts());
                putMap(docker, "labels", d.labels());
            }
        });
        putMap(node, "tags", o.tags());
    }

    static TaskOptions readTask(JsonNode node) {
        String mode = text(node, "networkMode");
        List<TaskOptions.Volume> volumes = list(node.get("volumes"), v -> {
            JsonNode host = v.get("host");
            JsonNode docker = v.get("dockerVolumeConfiguration");
            TaskOptions.DockerVolume dv = docker == null ? null : new TaskOptions.DockerVolume(
                    text(docker, "scope"), flag(docker, "autoprovision"), text(docker, "driver"),
                    map(docker.get("driverOpts")), map(docker.get("labels")));
            return new TaskOptions.Volume(v.get("name").stringValue(), host == null ? null : text(host, "sourcePath"), dv);
        });
        return new TaskOptions(mode == null ? TaskOptions.NetworkMode.BRIDGE
                : TaskOptions.NetworkMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)), volumes, map(node.get("tags")));
    }

    // ---- small helpers ----

    private interface Writer<T> {
        void write(T value, ObjectNode node);
    }

    private static <T> void putList(ObjectNode node, String field, List<T> values, Writer<T> writer) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(v -> writer.write(v, array.addObject()));
        }
    }

    private static <T> List<T> list(JsonNode node, Function<JsonNode, T> reader) {
        List<T> result = new ArrayList<>();
        if (node != null) {
            node.forEach(item -> result.add(reader.apply(item)));
        }
        return result;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putDuration(ObjectNode node, String field, Duration value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    private static void putMap(ObjectNode node, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode map = node.putObject(field);
            new TreeMap<>(values).forEach(map::put);
        }
    }

    private static void putStrings(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.stringValue();
    }

    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.booleanValue();
    }

    private static Duration duration(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Duration.parse(text);
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node != null) {
            node.properties().forEach(e -> result.put(e.getKey(), e.getValue().stringValue()));
        }
        return result;
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node != null) {
            node.forEach(item -> result.add(item.stringValue()));
        }
        return result;
    }
}
