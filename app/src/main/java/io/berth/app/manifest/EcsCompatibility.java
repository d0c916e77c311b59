package io.berth.app.manifest;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What to do with ECS fields that only make sense on AWS, in a body of {@code register-task-definition}: accept them
 * with a warning when the task runs correctly without them, refuse them (naming the field and why) when running
 * without them would be wrong. Empty values ([], {}, "") are what ECS tooling writes for "unset" and pass silently.
 */
final class EcsCompatibility {

    /** Task fields accepted and ignored, with why. */
    private static final Map<String, String> TASK_WARN = Map.of(
            "executionRoleArn", "IAM roles do not exist off AWS; image pulls use stored credentials "
                    + "(repositoryCredentials) instead",
            "taskRoleArn", "IAM roles do not exist off AWS; the task gets no AWS credentials",
            "ephemeralStorage", "a Fargate setting; containers use the host's disk",
            "enableFaultInjection", "an ECS feature; ignored",
            "runtimePlatform", "not checked against the hosts; Berth runs Linux containers",
            "requiresCompatibilities", "launch types are an ECS notion; Berth runs the task on its Docker hosts");
    /** Fields of describe-task-definition's output: set by the registry, ignored when registering. */
    private static final List<String> READ_ONLY = List.of("taskDefinitionArn", "revision", "status",
            "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt");
    /** Task fields refused when set, with why. */
    private static final Map<String, String> TASK_REFUSE = Map.of(
            "ipcMode", "is not supported by Berth",
            "pidMode", "is not supported by Berth",
            "proxyConfiguration", "is an App Mesh setting that Berth cannot honour",
            "inferenceAccelerators", "are AWS Elastic Inference devices that do not exist off AWS");
    /** Container fields refused when set, with why. */
    private static final Map<String, String> CONTAINER_REFUSE = Map.of(
            "environmentFiles", "are read by ECS from S3, which Berth cannot reach: the container would start without "
                    + "them; pass the values as environment instead",
            "firelensConfiguration", "is an AWS log router setting that Berth cannot honour",
            "resourceRequirements", "(GPUs, accelerators) are not supported by Berth",
            "systemControls", "are not supported by Berth",
            "restartPolicy", "is not supported by Berth: Berth replaces a stopped task instead",
            "credentialSpecs", "are Active Directory settings that Berth cannot honour",
            "disableNetworking", "is not supported by Berth",
            "interactive", "is not supported by Berth");
    /** Container fields accepted and ignored. */
    private static final Map<String, String> CONTAINER_WARN = Map.of(
            "pseudoTerminal", "ignored: Berth's containers have no terminal",
            "versionConsistency", "ignored: Berth pulls the image by the tag given");

    private EcsCompatibility() {
    }

    static void task(ObjectFields fields, List<String> warnings, ErrorCollector errors) {
        TASK_WARN.forEach((key, why) -> {
            JsonNode value = fields.get(key);
            if (!isEmpty(value)) {
                warnings.add(fields.path(key) + ": " + why);
            }
        });
        JsonNode compatibilities = fields.get("requiresCompatibilities");
        if (compatibilities != null && compatibilities.isArray() && !compatibilities.isEmpty()) {
            boolean runsOnHosts = false;
            for (JsonNode c : compatibilities) {
                runsOnHosts |= "EC2".equals(c.asString()) || "EXTERNAL".equals(c.asString());
            }
            if (!runsOnHosts) {
                errors.reject(fields.path("requiresCompatibilities"), "FARGATE only: the task definition says it "
                        + "cannot run on container instances; add EC2 or EXTERNAL to run it on Berth's hosts");
            }
        }
        JsonNode platform = fields.get("runtimePlatform");
        if (platform != null && platform.has("operatingSystemFamily")
                && !"LINUX".equals(platform.get("operatingSystemFamily").asString())) {
            errors.reject(fields.path("runtimePlatform") + ".operatingSystemFamily",
                    "Berth runs Linux containers only, got \"" + platform.get("operatingSystemFamily").asString() + "\"");
        }
        for (String key : READ_ONLY) {
            if (!isEmpty(fields.get(key))) {
                warnings.add(fields.path(key) + ": ignored (set by the registry, not by the registrant)");
            }
        }
        refuse(fields, TASK_REFUSE, errors);
    }

    static void container(ObjectFields fields, List<String> warnings, ErrorCollector errors) {
        refuse(fields, CONTAINER_REFUSE, errors);
        CONTAINER_WARN.forEach((key, why) -> {
            JsonNode value = fields.get(key);
            if (!isEmpty(value) && !(value.isBoolean() && !value.booleanValue())) {
                warnings.add(fields.path(key) + ": " + why);
            }
        });
    }

    private static void refuse(ObjectFields fields, Map<String, String> refused, ErrorCollector errors) {
        refused.forEach((key, why) -> {
            JsonNode value = fields.get(key);
            if (!isEmpty(value) && !(value.isBoolean() && !value.booleanValue())) {
                errors.reject(fields.path(key), key + " " + why);
            }
        });
    }

    static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isContainer() && value.isEmpty())
                || (value.isString() && value.asString().isEmpty());
    }
}
