package io.berth.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * {@code berth describe service NAME} as text: the service's fields, its deployments (as ECS's describe-services
 * lists them), its running tasks and its events, newest first.
 */
final class ServiceDescription {

    /** Older INACTIVE deployments are left to {@code berth rollout history}; PRIMARY and ACTIVE ones always show. */
    static final int INACTIVE_DEPLOYMENTS_SHOWN = 3;

    private final DescriptionWriter writer;

    ServiceDescription(DescriptionWriter writer) {
        this.writer = writer;
    }

    /**
     * @param deployments the service's deployments as the API lists them, newest first
     * @param tasks       its tasks that should run (desired RUNNING)
     */
    void print(JsonNode service, JsonNode deployments, JsonNode tasks) {
        writer.field("Name", Json.text(service, "name"));
        writer.field("Cluster", Json.text(service, "cluster"));
        writer.field("Status", Json.text(service, "status"));
        writer.field("Task Definition", Json.text(service, "taskDefinition"));
        boolean daemon = "DAEMON".equals(Json.text(service, "schedulingStrategy", ""));
        writer.field(daemon ? "Daemon" : "Replicas", Json.number(service, "desiredCount")
                + (daemon ? " desired (one per eligible instance) | " : " desired | ")
                + Json.number(service, "runningCount") + " running | " + Json.number(service, "pendingCount")
                + " pending");
        writer.field("Labels", DescriptionWriter.labels(service.path("labels")));
        writer.field("Created", writer.time(service, "createdAt"));
        writer.field("Updated", writer.time(service, "updatedAt"));
        deployments(service, deployments);
        Table running = new Table(List.of("ID", "TASK DEFINITION", "LAST STATUS", "INSTANCE", "PORTS", "STARTED"));
        for (JsonNode task : tasks) {
            running.row(List.of(GetCommand.shortId(Json.text(task, "id")), Json.text(task, "taskDefinition", ""),
                    Json.text(task, "lastStatus", ""), GetCommand.shortId(Json.text(task, "containerInstanceId")),
                    ResourceViews.ports(task), writer.age(task, "startedAt")));
        }
        writer.section("Tasks", running);
        events(service);
    }

    private void deployments(JsonNode service, JsonNode deployments) {
        Table table = new Table(List.of("ID", "TASK DEFINITION", "STATUS", "ROLLOUT", "DESIRED", "RUNNING",
                "PENDING", "FAILED", "CREATED", "UPDATED", "TRIGGER", "REASON"));
        int inactiveShown = 0;
        int left = 0;
        for (JsonNode d : deployments) {
            if ("INACTIVE".equals(Json.text(d, "status")) && inactiveShown++ >= INACTIVE_DEPLOYMENTS_SHOWN) {
                left++;
                continue;
            }
            table.row(List.of(GetCommand.shortId(Json.text(d, "id")), Json.text(d, "taskDefinition", ""),
                    Json.text(d, "status", ""), Json.text(d, "rolloutState", ""), Json.text(d, "desiredCount", ""),
                    Json.text(d, "runningCount", ""), Json.text(d, "pendingCount", ""),
                    Json.text(d, "failedTasks", ""), writer.age(d, "createdAt"), writer.age(d, "updatedAt"),
                    Json.text(d, "trigger", ""), Json.text(d, "reason", "")));
        }
        writer.section("Deployments", table);
        if (left > 0) {
            writer.line("  (" + left + " older INACTIVE " + (left == 1 ? "deployment" : "deployments")
                    + ": berth rollout history " + Json.text(service, "name") + " -c "
                    + Json.text(service, "cluster") + ")");
        }
    }

    private void events(JsonNode service) {
        List<JsonNode> events = new ArrayList<>();
        service.path("events").forEach(events::add);
        events.sort(Comparator.comparing((JsonNode e) -> {
            Instant at = Json.instant(e, "createdAt");
            return at == null ? Instant.MIN : at;
        }).reversed());
        Table table = new Table(List.of("AGE", "MESSAGE"));
        events.forEach(event -> table.row(List.of(writer.age(event, "createdAt"), Json.text(event, "message", ""))));
        writer.section("Events", table);
    }
}
