package io.berth.app.api.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.berth.app.api.fuzz.FuzzJson.JSON;

/**
 * Valid documents the mutators start from: Berth manifests (YAML and JSON; the task definition takes a Secret), an ECS
 * task definition and a run-task.
 */
final class ManifestSeeds {

    /**
     * The value of the Secret every seed task definition takes (as an environment variable and as a file): no answer
     * to any case may contain it.
     */
    static final String SECRET_VALUE = "fuzz-s3cr3t-9c41e7d2a5";

    private final String cluster;
    private final String secret;

    ManifestSeeds(String cluster, String secret) {
        this.cluster = cluster;
        this.secret = secret;
    }

    /** The Secret the seeds refer to; applied before any of them. */
    String secretYaml() {
        return """
                apiVersion: berth/v1
                kind: Secret
                metadata:
                  name: %s
                stringData:
                  password: %s
                """.formatted(secret, SECRET_VALUE);
    }

    String cluster() {
        return cluster;
    }

    String taskDefinitionYaml(String family) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata:
                  name: %1$s
                spec:
                  placementConstraints:
                    - type: memberOf
                      expression: "attribute:zone in [a, b] and not(task:group == service:db)"
                  containers:
                    - name: app
                      image: busybox:1.36
                      command: ["sh", "-c", "httpd -f"]
                      memory: 64
                      cpu: 128
                      environment:
                        MODE: web
                      secrets:
                        - name: DB_PASSWORD
                          valueFrom: "%2$s:password"
                      files:
                        - path: /run/secrets/db
                          secret: %2$s
                          key: password
                          mode: "0400"
                      portMappings:
                        - containerPort: 80
                      healthCheck:
                        command: ["CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1"]
                        interval: 5s
                        timeout: 2s
                        retries: 3
                        startPeriod: 1m30s
                """.formatted(family, secret);
    }

    String serviceYaml(String name, String taskDefinition) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata:
                  name: %s
                  cluster: %s
                spec:
                  taskDefinition: "%s"
                  desiredCount: 2
                  placementConstraints:
                    - type: memberOf
                      expression: "attribute:zone == a"
                  placementStrategy:
                    - type: spread
                      field: attribute:zone
                """.formatted(name, cluster, taskDefinition);
    }

    List<Object> manifestsJson(String family) {
        return new ArrayList<>(List.of(
                JSON.readValue(JSON.writeValueAsString(Map.of("apiVersion", "berth/v1", "kind", "TaskDefinition",
                        "metadata", Map.of("name", family),
                        "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "busybox:1.36",
                                "memory", 64, "portMappings", List.of(Map.of("containerPort", 80)),
                                "healthCheck", Map.of("command", List.of("CMD", "true"), "interval", "5s")))))), Object.class),
                JSON.readValue(JSON.writeValueAsString(Map.of("apiVersion", "berth/v1", "kind", "Service",
                        "metadata", Map.of("name", "fuzz-json", "cluster", cluster),
                        "spec", Map.of("taskDefinition", family, "desiredCount", 1,
                                "placementConstraints", List.of(Map.of("type", "memberOf", "expression", "attribute:zone == a"))))),
                        Object.class)));
    }

    Object ecsTaskDefinition(String family) {
        return JSON.readValue("""
                {"family": "%s", "networkMode": "bridge", "cpu": "256", "memory": "512",
                 "placementConstraints": [{"type": "memberOf", "expression": "attribute:zone == a"}],
                 "containerDefinitions": [{"name": "producer", "image": "busybox:1.36", "cpu": 50, "memory": 50,
                   "essential": true, "command": ["sh", "-c", "sleep 1"],
                   "environment": [{"name": "MODE", "value": "producer"}],
                   "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}],
                   "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 5, "timeout": 2, "retries": 3},
                   "logConfiguration": {"logDriver": "json-file", "options": {"max-size": "10m"}}}]}
                """.formatted(family), Object.class);
    }

    Object runTask(String family) {
        return JSON.readValue("""
                {"taskDefinition": "%s", "count": 1, "startedBy": "fuzz", "group": "nightly",
                 "placementConstraints": [{"type": "memberOf", "expression": "attribute:zone == a"}],
                 "overrides": {"containerOverrides": [{"name": "app", "command": ["sh", "-c", "exit 3"],
                   "environment": [{"name": "MODE", "value": "producer"}], "memory": 32}]}}
                """.formatted(family), Object.class);
    }
}
