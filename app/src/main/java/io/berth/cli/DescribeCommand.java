package io.berth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code berth describe service|task|instance|task-definition|cluster NAME [-o text|json|yaml]}: one thing. */
@Command(name = "describe", sortOptions = false, usageHelpAutoWidth = true,
        description = "Show one service (with its deployments, tasks and events, newest first), task, instance, task "
                + "definition or cluster in detail.",
        footerHeading = "%nExamples:%n",
        footer = {"  berth describe service web", "  berth describe service web -o yaml   # what the API says",
                "  berth describe task 3f2a9c1e", "  berth describe task-definition web:2",
                "  berth describe instance my-host",
                "  berth describe target-group web-tg     # with its targets and their health"})
final class DescribeCommand implements Callable<Integer> {

    /** text for people; json and yaml print the API's objects the description is made of, for scripts. */
    enum Format { text, json, yaml }

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "TYPE", converter = ResourceType.Converter.class,
            completionCandidates = ResourceType.Candidates.class,
            description = "service, task, instance, task-definition, cluster, target-group or load-balancer")
    ResourceType type;

    @Parameters(index = "1", paramLabel = "NAME",
            description = "Service name, task id (or its first characters), instance id/hostname/endpoint, "
                    + "family or family:revision, cluster name")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or yaml (default: ${DEFAULT-VALUE}); json and yaml print the API's object "
                    + "(a service with its deployments and events)")
    Format output;

    @Override
    public Integer call() {
        Resources resources = new Resources(root.api());
        String cluster = root.cluster();
        JsonNode document = switch (type) {
            case SERVICES -> service(resources.service(cluster, name), resources);
            case TASKS -> resources.task(cluster, name);
            case INSTANCES -> resources.instance(cluster, name);
            case TASK_DEFINITIONS -> resources.taskDefinition(name);
            case CLUSTERS -> resources.cluster(name);
            case TARGET_GROUPS, TARGETS -> resources.targetGroup(cluster, name);
            case LOAD_BALANCERS -> resources.loadBalancer(cluster, name);
            case SECRETS, CONFIGS -> resources.secret(type.plural(), name);
            case SCHEDULED_TASKS -> resources.scheduledTask(cluster, name);
            case SCHEDULED_ACTIONS -> throw CliException.usage("scheduled actions are listed, not described: berth get"
                    + " scheduled-actions --service SERVICE");
        };
        PrintWriter out = root.out();
        switch (output) {
            case json -> out.println(Json.pretty(document));
            case yaml -> out.print(Json.yaml(document));
            case text -> text(document, resources, cluster, new DescriptionWriter(out, root.context().now()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void text(JsonNode document, Resources resources, String cluster, DescriptionWriter writer) {
        switch (type) {
            case SERVICES -> new ServiceDescription(writer).print(document, document.path("deployments"),
                    resources.tasks(Json.text(document, "cluster", cluster), Json.text(document, "name", name),
                            "RUNNING"));
            case TASKS -> task(document, writer);
            case INSTANCES -> instance(document, resources, cluster, writer);
            case TASK_DEFINITIONS -> taskDefinition(document, resources, writer);
            case CLUSTERS -> cluster(document, writer);
            case TARGET_GROUPS, TARGETS -> targetGroup(document, resources, cluster, writer);
            case LOAD_BALANCERS -> loadBalancer(document, writer);
            case SECRETS, CONFIGS -> secret(document, writer);
            // The API's object says it all: schedule, next and last run, and each firing kept with its reason.
            case SCHEDULED_TASKS -> root.out().print(Json.yaml(document));
        }
    }

    /** Name, keys and version; a config's values too (the API never answers a secret's). */
    private static void secret(JsonNode secret, DescriptionWriter writer) {
        writer.field("Name", Json.text(secret, "name"));
        writer.field("Version", Json.text(secret, "version"));
        writer.field("Created", writer.time(secret, "createdAt"));
        writer.field("Updated", writer.time(secret, "updatedAt"));
        java.util.List<String> keys = new java.util.ArrayList<>();
        secret.path("keys").forEach(k -> keys.add(k.asString()));
        writer.field("Keys", String.join(", ", keys));
        secret.path("data").properties().forEach(e -> writer.block("Data " + e.getKey(), e.getValue().asString()));
    }

    /** As ECS's describe-services answers: the service with its deployments, newest first (events are in it). */
    private JsonNode service(JsonNode service, Resources resources) {
        JsonNode deployments = resources.deployments(Json.text(service, "cluster", root.cluster()),
                Json.text(service, "name", name));
        ObjectNode document = (ObjectNode) service.deepCopy(); // GET of a service answers an object
        document.set("deployments", deployments);
        return document;
    }

    private void task(JsonNode task, DescriptionWriter writer) {
        writer.field("ID", Json.text(task, "id"));
        writer.field("Cluster", Json.text(task, "cluster"));
        writer.field("Service", Json.text(task, "service"));
        writer.field("Task Definition", Json.text(task, "taskDefinition"));
        writer.field("Instance", Json.text(task, "containerInstanceId"));
        writer.field("Last Status", Json.text(task, "lastStatus"));
        writer.field("Desired Status", Json.text(task, "desiredStatus"));
        if (Json.text(task, "startedBy") != null || Json.text(task, "group") != null) {
            writer.field("Started By", Json.text(task, "startedBy"));
            writer.field("Group", Json.text(task, "group"));
        }
        writer.field("Created", writer.time(task, "createdAt"));
        // ECS's pull timestamps: only when the launch pulled an image (null when it was on the host).
        if (Json.text(task, "pullStartedAt") != null) {
            writer.field("Pull Started", writer.time(task, "pullStartedAt"));
            writer.field("Pull Stopped", writer.time(task, "pullStoppedAt"));
        }
        writer.field("Started", writer.time(task, "startedAt"));
        if (Json.text(task, "stoppingAt") != null || Json.text(task, "stoppedAt") != null) {
            writer.field("Stopping", writer.time(task, "stoppingAt"));
            writer.field("Stopped", writer.time(task, "stoppedAt"));
            writer.field("Stop Code", Json.text(task, "stopCode"));
            writer.field("Stopped Reason", Json.text(task, "stoppedReason"));
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
        writer.section("Containers", table);
    }

    private void instance(JsonNode instance, Resources resources, String cluster, DescriptionWriter writer) {
        writer.field("ID", Json.text(instance, "id"));
        writer.field("Cluster", cluster);
        writer.field("Endpoint", Json.text(instance, "endpoint"));
        writer.field("Hostname", Json.text(instance, "hostname"));
        writer.field("Engine ID", Json.text(instance, "engineId"));
        writer.field("Status", Json.text(instance, "status"));
        writer.field("Connected", Json.text(instance, "connected"));
        writer.field("Last Seen", writer.time(instance, "lastSeen"));
        writer.field("CPU", resource(instance, "cpu", " units"));
        writer.field("Memory", resource(instance, "memory", " MiB"));
        writer.field("Reserved Ports", orNone(ResourceViews.portsOf(instance.path("registered"))));
        writer.field("Task Ports", orNone(ResourceViews.taskPorts(instance)));
        writer.field("Attributes", DescriptionWriter.labels(instance.path("attributes")));
        String id = Json.text(instance, "id", "");
        Table table = new Table(List.of("ID", "SERVICE", "TASK DEFINITION", "LAST STATUS", "PORTS", "STARTED"));
        for (JsonNode task : resources.tasks(cluster, null, "RUNNING")) {
            if (id.equals(Json.text(task, "containerInstanceId"))) {
                table.row(List.of(GetCommand.shortId(Json.text(task, "id")), Json.text(task, "service", ""),
                        Json.text(task, "taskDefinition", ""), Json.text(task, "lastStatus", ""),
                        ResourceViews.ports(task), writer.age(task, "startedAt")));
            }
        }
        writer.section("Tasks", table);
    }

    private static String orNone(List<String> values) {
        return values.isEmpty() ? "<none>" : String.join(", ", values);
    }

    private static String resource(JsonNode instance, String field, String unit) {
        return instance.path("remaining").path(field).asString("?") + unit + " free of "
                + instance.path("registered").path(field).asString("?") + unit;
    }

    private void taskDefinition(JsonNode definition, Resources resources, DescriptionWriter writer) {
        String family = Json.text(definition, "family");
        writer.field("Name", family + ":" + Json.text(definition, "revision"));
        writer.field("Status", Json.text(definition, "status"));
        writer.field("Created", writer.time(definition, "createdAt"));
        List<String> revisions = new ArrayList<>();
        resources.revisions(family).path("revisions").forEach(r -> revisions.add(Json.text(r, "revision")));
        writer.field("Revisions", String.join(", ", revisions));
        writer.block("Spec", Json.yaml(definition.path("spec")));
    }

    private void cluster(JsonNode cluster, DescriptionWriter writer) {
        writer.field("Name", Json.text(cluster, "name"));
        writer.field("Created", writer.time(cluster, "createdAt"));
        writer.field("Active Services", Json.text(cluster, "activeServices"));
        writer.field("Running Tasks", Json.text(cluster, "runningTasks"));
        writer.field("Instances", Json.text(cluster, "registeredInstances"));
    }

    /** The group as applied, then its targets and their health (what {@code get targets GROUP} lists). */
    private void targetGroup(JsonNode group, Resources resources, String cluster, DescriptionWriter writer) {
        writer.field("Name", Json.text(group, "name"));
        writer.field("Cluster", Json.text(group, "cluster", cluster));
        writer.field("Protocol", Json.text(group, "protocol"));
        writer.field("Health Check", ResourceViews.healthCheck(group.path("healthCheck")));
        writer.field("Deregistration Delay", Json.text(group, "deregistrationDelay"));
        writer.field("Labels", DescriptionWriter.labels(group.path("labels")));
        writer.field("Created", writer.time(group, "createdAt"));
        Table table = new Table(List.of("TARGET", "INSTANCE", "PORT", "STATE", "REASON", "DESCRIPTION"));
        for (JsonNode t : resources.targets(Json.text(group, "cluster", cluster), Json.text(group, "name", name))) {
            table.row(List.of(Json.text(t.path("target"), "taskId", ""),
                    GetCommand.shortId(Json.text(t.path("target"), "instanceId")),
                    Json.text(t.path("target"), "port", ""), Json.text(t.path("health"), "state", ""),
                    Json.text(t.path("health"), "reason", ""), Json.text(t.path("health"), "description", "")));
        }
        writer.section("Targets", table);
    }

    private void loadBalancer(JsonNode lb, DescriptionWriter writer) {
        writer.field("Name", Json.text(lb, "name"));
        writer.field("Cluster", Json.text(lb, "cluster"));
        writer.field("Placement", Json.text(lb, "placement", "every instance"));
        writer.field("Labels", DescriptionWriter.labels(lb.path("labels")));
        writer.field("Created", writer.time(lb, "createdAt"));
        Table table = new Table(List.of("PORT", "PROTOCOL", "PATH PREFIX", "HOST", "TARGET GROUP"));
        for (JsonNode l : lb.path("listeners")) {
            for (JsonNode r : l.path("rules")) {
                table.row(List.of(Json.text(l, "port", ""), Json.text(l, "protocol", ""),
                        Json.text(r, "pathPrefix", ""), Json.text(r, "host", ""), Json.text(r, "targetGroup", "")));
            }
            table.row(List.of(Json.text(l, "port", ""), Json.text(l, "protocol", ""), "", "",
                    Json.text(l, "defaultTargetGroup", "") + " (default)"));
        }
        writer.section("Listeners", table);
    }
}
