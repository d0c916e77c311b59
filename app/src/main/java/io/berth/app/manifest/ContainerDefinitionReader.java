package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerOptions;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one entry of {@code spec.containers}, with ECS's names and defaults. */
final class ContainerDefinitionReader {

    /** ECS defaults for a health check's optional fields. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;
    static final Duration DEFAULT_START_PERIOD = Duration.ZERO;

    private final EnvironmentReader environmentReader = new EnvironmentReader();
    private final ContainerOptionsReader optionsReader;
    private final Dialect dialect;

    ContainerDefinitionReader(Dialect dialect) {
        this.dialect = dialect;
        this.optionsReader = new ContainerOptionsReader(dialect);
    }

    ContainerDefinition read(JsonNode node, String path, ErrorCollector errors) {
        return read(node, path, errors, new ArrayList<>());
    }

    /** @param warnings where fields accepted but not acted on are noted (ECS dialect) */
    ContainerDefinition read(JsonNode node, String path, ErrorCollector errors, List<String> warnings) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return placeholder();
        }
        String name = fields.requiredString("name");
        String image = fields.requiredString("image");
        List<String> command = fields.stringList("command");
        List<String> entryPoint = fields.stringList("entryPoint");
        Map<String, String> environment =
                environmentReader.read(fields.get("environment"), fields.path("environment"), errors);
        Integer cpu = fields.integer("cpu");
        Integer memory = fields.integer("memory");
        Integer memoryReservation = fields.integer("memoryReservation");
        Boolean essential = fields.bool("essential");
        List<PortMapping> ports = portMappings(fields.get("portMappings"), fields.path("portMappings"), errors, warnings);
        HealthCheck healthCheck = healthCheck(fields.get("healthCheck"), fields.path("healthCheck"), errors);
        ContainerOptions options = optionsReader.read(fields, warnings).toBuilder()
                .secrets(SecretRefsReader.secrets(fields, environment))
                .files(SecretRefsReader.files(fields))
                .build();
        if (dialect == Dialect.ECS) {
            EcsCompatibility.container(fields, warnings, errors);
        }
        fields.rejectUnknown();
        return new ContainerDefinition(name == null ? "" : name, image == null ? "" : image, command, entryPoint,
                environment, cpu, memory, memoryReservation, essential == null || essential, ports, healthCheck,
                options);
    }

    private static ContainerDefinition placeholder() {
        return new ContainerDefinition("", "", null, null, null, null, null, null, true, null, null);
    }

    private List<PortMapping> portMappings(JsonNode node, String path, ErrorCollector errors, List<String> warnings) {
        List<PortMapping> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (!node.isArray()) {
            errors.reject(path, "must be a list of port mappings, got " + NodeTypes.describe(node));
            return result;
        }
        for (int i = 0; i < node.size(); i++) {
            ObjectFields fields = ObjectFields.of(node.get(i), path + "[" + i + "]", errors);
            if (fields == null) {
                result.add(new PortMapping(0, 0, "tcp"));
                continue;
            }
            Integer containerPort = fields.requiredInteger("containerPort");
            Integer hostPort = fields.integer("hostPort");
            String protocol = fields.string("protocol");
            if (dialect == Dialect.ECS) {
                // Service Connect names: meaningless off AWS, harmless to ignore.
                for (String key : List.of("name", "appProtocol")) {
                    if (!EcsCompatibility.isEmpty(fields.get(key))) {
                        warnings.add(fields.path(key) + ": ignored (an ECS Service Connect setting)");
                    }
                }
                if (!EcsCompatibility.isEmpty(fields.get("containerPortRange"))) {
                    errors.reject(fields.path("containerPortRange"), "is not supported by Berth: list the ports");
                }
            }
            fields.rejectUnknown();
            // Placeholders 0/"tcp" never outlive the errors reported for them (all-or-nothing).
            result.add(new PortMapping(containerPort == null ? 0 : containerPort, hostPort == null ? 0 : hostPort,
                    protocol == null ? "tcp" : protocol));
        }
        return result;
    }

    private HealthCheck healthCheck(JsonNode node, String path, ErrorCollector errors) {
        if (node == null) {
            return null;
        }
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        List<String> command = fields.stringList("command");
        if (command == null && fields.get("command") == null) {
            errors.reject(fields.path("command"), "is required");
        }
        Duration interval = dialect.duration(fields, "interval");
        Duration timeout = dialect.duration(fields, "timeout");
        Integer retries = fields.integer("retries");
        Duration startPeriod = dialect.duration(fields, "startPeriod");
        fields.rejectUnknown();
        return new HealthCheck(command == null ? List.of() : command,
                interval == null ? DEFAULT_INTERVAL : interval,
                timeout == null ? DEFAULT_TIMEOUT : timeout,
                retries == null ? DEFAULT_RETRIES : retries,
                startPeriod == null ? DEFAULT_START_PERIOD : startPeriod);
    }
}
