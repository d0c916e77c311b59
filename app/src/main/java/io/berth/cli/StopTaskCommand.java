package io.berth.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code berth stop-task ID [--reason TEXT]}. */
@Command(name = "stop-task", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Stop a task (ECS stop-task): SIGTERM, then SIGKILL after the stop timeout.",
                "A service replaces a task stopped this way; a one-off task stays stopped."},
        footerHeading = "%nExamples:%n",
        footer = {"  berth stop-task 3f2a9c1e", "  berth stop-task 3f2a9c1e --reason \"wrong input\""})
final class StopTaskCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task id or its first characters")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded as the task's stoppedReason")
    String reason;

    @Override
    public Integer call() {
        String cluster = root.cluster();
        JsonNode task = new Resources(root.api()).task(cluster, id);
        ObjectNode body = Json.JSON.createObjectNode();
        if (reason != null) {
            body.put("reason", reason);
        }
        JsonNode stopped = root.api().post(Resources.clusterPath(cluster) + "/tasks/" + ApiClient.encode(Json.text(task, "id"))
                + "/stop", Json.JSON.writeValueAsString(body), "application/json");
        root.out().println("task/" + Json.text(stopped, "id") + " " + ("STOPPED".equals(Json.text(stopped, "lastStatus"))
                ? "already stopped: " + ResourceViews.stopReason(stopped) : "stopping: " + Json.text(stopped, "stoppedReason", "")));
        root.out().flush();
        return ExitCodes.OK;
    }
}
