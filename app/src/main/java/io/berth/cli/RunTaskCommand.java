package io.berth.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code berth run-task TASKDEF [--count N] [--env K=V]... [--started-by S] [--group G] [--client-token T] [--wait] [-- COMMAND...]}. */
@Command(name = "run-task", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Run one-off tasks of a task definition (ECS run-task). They run to completion and are never "
                + "restarted.", "With --wait, waits until they stopped; the exit code is then the essential "
                + "container's (the first non-zero one of all tasks)."},
        footerHeading = "%nExamples:%n",
        footer = {"  berth run-task migrate --wait", "  berth run-task job:3 --count 3 --started-by ci-1234 --client-token ci-1234-job",
                "  berth run-task job --env MODE=full --wait -- sh -c 'echo hi; exit 3'"})
final class RunTaskCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "TASKDEF", description = "family (newest ACTIVE revision) or family:revision")
    String taskDefinition;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*",
            description = "After --: the command the container runs instead of its definition's")
    List<String> command;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many tasks, 1..10 (default: 1)")
    int count;

    @Option(names = "--container", paramLabel = "NAME",
            description = "The container COMMAND and --env apply to (default: the task definition's first essential one)")
    String container;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Environment for the container; repeatable")
    List<String> env;

    @Option(names = "--started-by", paramLabel = "TEXT", description = "Recorded on the tasks (ECS startedBy)")
    String startedBy;

    @Option(names = "--group", paramLabel = "TEXT", description = "Recorded on the tasks (ECS group)")
    String group;

    @Option(names = "--client-token", paramLabel = "TOKEN",
            description = "Idempotency token (ECS clientToken, up to 64 characters): running the same command again "
                    + "with it answers the tasks it started the first time instead of starting more")
    String clientToken;

    @Option(names = "--wait", description = "Wait until every task stopped; exit with the essential container's code")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}); exit code 4 when it passes")
    Duration timeout;

    @Override
    public Integer call() {
        Resources resources = new Resources(root.api());
        ObjectNode body = Json.JSON.createObjectNode();
        body.put("taskDefinition", taskDefinition);
        body.put("count", count);
        if (startedBy != null) body.put("startedBy", startedBy);
        if (group != null) body.put("group", group);
        if (clientToken != null) body.put("clientToken", clientToken);
        boolean overrides = (command != null && !command.isEmpty()) || (env != null && !env.isEmpty());
        if (overrides) {
            ObjectNode override = body.putObject("overrides").putArray("containerOverrides").addObject();
            override.put("name", container != null ? container : defaultContainer(resources.taskDefinition(taskDefinition)));
            if (command != null && !command.isEmpty()) {
                ArrayNode cmd = override.putArray("command");
                command.forEach(cmd::add);
            }
            if (env != null) {
                ObjectNode environment = override.putObject("environment");
                parseEnv(env).forEach(environment::put);
            }
        }
        String tasksPath = Resources.clusterPath(root.cluster()) + "/tasks";
        JsonNode response = root.api().post(tasksPath, Json.JSON.writeValueAsString(body), "application/json");
        List<String> ids = new ArrayList<>();
        for (JsonNode task : response.path("tasks")) {
            ids.add(Json.text(task, "id"));
            root.out().println("task/" + Json.text(task, "id") + " started (" + Json.text(task, "taskDefinition")
                    + " on instance " + GetCommand.shortId(Json.text(task, "containerInstanceId")) + ")");
        }
        root.out().flush();
        for (JsonNode failure : response.path("failures")) {
            root.context().err().println("not started: " + Json.text(failure, "reason"));
        }
        root.context().err().flush();
        if (ids.isEmpty()) {
            return ExitCodes.API_ERROR;
        }
        return wait ? await(resources, ids) : ExitCodes.OK;
    }

    /** The container overrides apply to when none is named: the only one, else the first essential one. */
    static String defaultContainer(JsonNode taskDefinition) {
        JsonNode containers = taskDefinition.path("spec").path("containers");
        for (JsonNode c : containers) {
            if (c.path("essential").asBoolean(true)) {
                return Json.text(c, "name");
            }
        }
        if (containers.isEmpty()) {
            throw new CliException(ExitCodes.API_ERROR, "task definition " + Json.text(taskDefinition, "family", "?")
                    + " has no containers");
        }
        return Json.text(containers.get(0), "name");
    }

    static Map<String, String> parseEnv(List<String> pairs) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("--env must be NAME=VALUE, got \"" + pair + "\"");
            }
            result.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return result;
    }

    /** Polls until every task stopped; prints each once it did. */
    private int await(Resources resources, List<String> ids) {
        Instant deadline = root.context().now().plus(timeout);
        Map<String, JsonNode> stopped = new LinkedHashMap<>();
        while (stopped.size() < ids.size()) {
            for (String id : ids) {
                if (!stopped.containsKey(id)) {
                    JsonNode task = resources.task(root.cluster(), id);
                    if ("STOPPED".equals(Json.text(task, "lastStatus"))) {
                        stopped.put(id, task);
                        root.out().println("task/" + id + " stopped: " + ResourceViews.stopReason(task));
                        root.out().flush();
                    }
                }
            }
            if (stopped.size() == ids.size()) {
                break;
            }
            if (!root.context().now().isBefore(deadline)) {
                throw new CliException(ExitCodes.TIMEOUT, (ids.size() - stopped.size()) + " of " + ids.size()
                        + " tasks still running after " + Durations.format(timeout));
            }
            try {
                root.context().sleeper().sleep(root.context().pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.API_ERROR, "interrupted");
            }
        }
        int exit = ExitCodes.OK;
        for (JsonNode task : stopped.values()) {
            int code = exitCode(task);
            if (code != 0 && exit == ExitCodes.OK) {
                exit = code;
            }
        }
        return exit;
    }

    /**
     * The task's result as a process exit code: its first essential container's exit code when it has one (the batch
     * job's own code); 1 when it never ran to an exit (failed to start, host lost).
     */
    static int exitCode(JsonNode task) {
        JsonNode first = null;
        for (JsonNode c : task.path("containers")) {
            if (c.hasNonNull("exitCode")) {
                if (first == null) {
                    first = c;
                }
            }
        }
        String code = Json.text(task, "stopCode", "");
        if ("TaskFailedToStart".equals(code) || "HostLost".equals(code) || first == null) {
            return ExitCodes.API_ERROR;
        }
        // The container whose exit stopped the task is named in the reason ("Essential container in task exited: main ...").
        String reason = Json.text(task, "stoppedReason", "");
        for (JsonNode c : task.path("containers")) {
            if (c.hasNonNull("exitCode") && reason.contains(": " + Json.text(c, "name") + " ")) {
                return c.path("exitCode").asInt();
            }
        }
        return first.path("exitCode").asInt();
    }
}
