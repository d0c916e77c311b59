package io.berth.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth describe service|task|instance|task-definition|cluster NAME}: one thing, for humans. */
@Command(name = "describe", sortOptions = false, usageHelpAutoWidth = true,
        description = "Show one service (with its tasks and events, newest first), task, instance, task "
                + "definition or cluster in detail.",
        footerHeading = "%nExamples:%n",
        footer = {"  berth describe service web", "  berth describe task 3f2a9c1e",
                "  berth describe task-definition web:2", "  berth describe instance my-host"})
final class DescribeCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "TYPE", converter = ResourceType.Converter.class,
            completionCandidates = ResourceType.Candidates.class,
            description = "service, task, instance, task-definition or cluster")
    ResourceType type;

    @Parameters(index = "1", paramLabel = "NAME",
            description = "Service name, task id (or its first characters), instance id/hostname/endpoint, "
                    + "family or family:revision, cluster name")
    String name;

    private Instant now;

    @Override
    public Integer call() {
        Resources resources = new Resources(root.api());
        String cluster = root.cluster();
        now = root.context().now();
        PrintWriter out = root.out();
        switch (type) {
            case SERVICES -> service(resources.service(cluster, name), resources, out);
            case TASKS -> task(resources.task(cluster, name), out);
            case INSTANCES -> instance(resources.instance(cluster, name), resources, cluster, out);
            case TASK_DEFINITIONS -> taskDefinition(resources.taskDefinition(name), resources, out);
            case CLUSTERS -> cluster(resources.cluster(name), out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void service(JsonNode service, Resources resources, PrintWriter out) {
        field(out, "Name", Json.text(service, "name"));
        field(out, "Cluster", Json.text(service, "cluster"));
        field(out, "Status", Json.text(service, "status"));
        field(out, "Task Definition", Json.text(service, "taskDefinition"));
        field(out, "Replicas", Json.number(service, "desiredCount") + " desired | "
                + Json.number(service, "runningCount") + " running | " + Json.number(service, "pendingCount")
                + " pending");
        field(out, "Labels", labels(service.path("labels")));
        field(out, "Created", time(service, "createdAt"));
        field(out, "Updated", time(service, "updatedAt"));
        JsonNode tasks = resources.tasks(Json.text(service, "cluster", root.cluster()), Json.text(service, "name"),
                "RUNNING");
        out.println("Tasks:");
        if (tasks.isEmpty()) {
            out.println("  <none>");
        } else {
            Table table = new Table(List.of("ID", "TASK DEFINITION", "LAST STATUS", "INSTANCE", "PORTS", "STARTED"));
            for (JsonNode task : tasks) {
                table.row(List.of(GetCommand.shortId(Json.text(task, "id")), Json.text(task, "taskDefinition", ""),
                        Json.text(task, "lastStatus", ""), GetCommand.shortId(Json.text(task, "containerInstanceId")),
                        GetCommand.Views.ports(task), age(task, "startedAt")));
            }
            printIndented(table, out);
        }
        out.println("Events:");
        List<JsonNode> events = new ArrayList<>();
        service.path("events").forEach(events::add);
        if (events.isEmpty()) {
            out.println("  <none>");
            return;
        }
        events.sort(Comparator.comparing((JsonNode e) -> {
            Instant at = Json.instant(e, "createdAt");
            return at == null ? Instant.MIN : at;
        }).reversed());
        Table table = new Table(List.of("AGE", "MESSAGE"));
        events.forEach(event -> table.row(List.of(age(event, "createdAt"), Json.text(event, "message", ""))));
        printIndented(table, out);
    }

    private void task(JsonNode task, PrintWriter out) {
        field(out, "ID", Json.text(task, "id"));
        field(out, "Cluster", Json.text(task, "cluster"));
        field(out, "Service", Json.text(task, "service"));
        field(out, "Task Definition", Json.text(task, "taskDefinition"));
        field(out, "Instance", Json.text(task, "containerInstanceId"));
        field(out, "Last Status", Json.text(task, "lastStatus"));
        field(out, "Desired Status", Json.text(task, "desiredStatus"));
        if (Json.text(task, "startedBy") != null || Json.text(task, "group") != null) {
            field(out, "Started By", Json.text(task, "startedBy"));
            field(out, "Group", Json.text(task, "group"));
        }
        field(out, "Created", time(task, "createdAt"));
        // ECS's pull timestamps: only when the launch pulled an image (null when it was on the host).
        if (Json.text(task, "pullStartedAt") != null) {
            field(out, "Pull Started", time(task, "pullStartedAt"));
            field(out, "Pull Stopped", time(task, "pullStoppedAt"));
        }
        field(out, "Started", time(task, "startedAt"));
        if (Json.text(task, "stoppingAt") != null || Json.text(task, "stoppedAt") != null) {
            field(out, "Stopping", time(task, "stoppingAt"));
            field(out, "Stopped", time(task, "stoppedAt"));
            field(out, "Stop Code", Json.text(task, "stopCode"));
            field(out, "Stopped Reason", Json.text(task, "stoppedReason"));
        }
        out.println("Containers:");
        if (task.path("containers").isEmpty()) {
            out.println("  <none>");
            return;
        }
        Table table = new Table(List.of("NAME", "STATUS", "HEALTH", "EXIT CODE", "PORTS", "DOCKER ID", "REASON"));
        for (JsonNode container : task.path("containers")) {
            List<String> ports = new ArrayList<>();
            container.path("hostPorts").forEach(p -> ports.add(p.path("hostPort").asString() + "->"
                    + p.path("containerPort").asString() + "/" + Json.text(p, "protocol", "tcp")));
            String dockerId = Json.text(container, "dockerId", "");
            table.row(List.of(Json.text(container, "name", ""), Json.text(container, "lastStatus", ""),
                    Json.text(container, "health", ""), Json.text(container, "exitCode", ""), String.join(",", ports),
                    dockerId.length() > 12 ? dockerId.substring(0, 12) : dockerId, Json.text(container, "reason", "")));
        }
        printIndented(table, out);
    }

    private void instance(JsonNode instance, Resources resources, String cluster, PrintWriter out) {
        field(out, "ID", Json.text(instance, "id"));
        field(out, "Cluster", cluster);
        field(out, "Endpoint", Json.text(instance, "endpoint"));
        field(out, "Hostname", Json.text(instance, "hostname"));
        field(out, "Engine ID", Json.text(instance, "engineId"));
        field(out, "Status", Json.text(instance, "status"));
        field(out, "Connected", Json.text(instance, "connected"));
        field(out, "Last Seen", time(instance, "lastSeen"));
        field(out, "CPU", resource(instance, "cpu", " units"));
        field(out, "Memory", resource(instance, "memory", " MiB"));
        field(out, "Reserved Ports", orNone(GetCommand.Views.portsOf(instance.path("registered"))));
        field(out, "Task Ports", orNone(GetCommand.Views.taskPorts(instance)));
        field(out, "Attributes", labels(instance.path("attributes")));
        String id = Json.text(instance, "id", "");
        out.println("Tasks:");
        Table table = new Table(List.of("ID", "SERVICE", "TASK DEFINITION", "LAST STATUS", "PORTS", "STARTED"));
        for (JsonNode task : resources.tasks(cluster, null, "RUNNING")) {
            if (id.equals(Json.text(task, "containerInstanceId"))) {
                table.row(List.of(GetCommand.shortId(Json.text(task, "id")), Json.text(task, "service", ""),
                        Json.text(task, "taskDefinition", ""), Json.text(task, "lastStatus", ""),
                        GetCommand.Views.ports(task), age(task, "startedAt")));
            }
        }
        if (table.rows().isEmpty()) {
            out.println("  <none>");
        } else {
            printIndented(table, out);
        }
    }

    private static String orNone(List<String> values) {
        return values.isEmpty() ? "<none>" : String.join(", ", values);
    }

    private static String resource(JsonNode instance, String field, String unit) {
        return instance.path("remaining").path(field).asString("?") + unit + " free of "
                + instance.path("registered").path(field).asString("?") + unit;
    }

    private void taskDefinition(JsonNode definition, Resources resources, PrintWriter out) {
        String family = Json.text(definition, "family");
        field(out, "Name", family + ":" + Json.text(definition, "revision"));
        field(out, "Status", Json.text(definition, "status"));
        field(out, "Created", time(definition, "createdAt"));
        List<String> revisions = new ArrayList<>();
        resources.revisions(family).path("revisions").forEach(r -> revisions.add(Json.text(r, "revision")));
        field(out, "Revisions", String.join(", ", revisions));
        out.println("Spec:");
        for (String line : Json.yaml(definition.path("spec")).split("\n")) {
            out.println("  " + line);
        }
    }

    private void cluster(JsonNode cluster, PrintWriter out) {
        field(out, "Name", Json.text(cluster, "name"));
        field(out, "Created", time(cluster, "createdAt"));
        field(out, "Active Services", Json.text(cluster, "activeServices"));
        field(out, "Running Tasks", Json.text(cluster, "runningTasks"));
        field(out, "Instances", Json.text(cluster, "registeredInstances"));
    }

    private static void field(PrintWriter out, String label, String value) {
        String text = label + ":";
        out.println(text + " ".repeat(Math.max(1, 18 - text.length()))
                + (value == null || value.isEmpty() ? "<none>" : value));
    }

    private static String labels(JsonNode map) {
        List<String> entries = new ArrayList<>();
        map.properties().forEach(e -> entries.add(e.getKey() + "=" + e.getValue().asString()));
        return String.join(", ", entries);
    }

    private static void printIndented(Table table, PrintWriter out) {
        java.io.StringWriter text = new java.io.StringWriter();
        table.print(new PrintWriter(text));
        for (String line : text.toString().split("\\R")) {
            out.println("  " + line);
        }
    }

    private String time(JsonNode node, String field) {
        Instant at = Json.instant(node, field);
        return at == null ? null : at + " (" + Durations.age(Duration.between(at, now)) + " ago)";
    }

    private String age(JsonNode node, String field) {
        Instant at = Json.instant(node, field);
        return at == null ? "" : Durations.age(Duration.between(at, now));
    }
}
