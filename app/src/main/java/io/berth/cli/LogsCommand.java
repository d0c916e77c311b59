package io.berth.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth logs TASK [CONTAINER] [-f] [--tail N] [--since S]}. */
@Command(name = "logs", sortOptions = false, usageHelpAutoWidth = true,
        description = "Print a task container's output (stdout and stderr) as the engine of its host has it.",
        footerHeading = "%nExamples:%n",
        footer = {"  berth logs 3f2a9c1e", "  berth logs 3f2a9c1e app -f", "  berth logs 3f2a9c1e --tail 20 --since 10m"})
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task id or its first characters")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CONTAINER",
            description = "Container name (default: the task's only container, else its first essential one)")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container stops")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines")
    Integer tail;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only output since an instant or a duration ago (10m)")
    String since;

    @Override
    public Integer call() {
        String cluster = root.cluster();
        JsonNode task = new Resources(root.api()).task(cluster, id);
        String name = container != null ? container : defaultContainer(task, root.api(), cluster);
        StringBuilder path = new StringBuilder(Resources.clusterPath(cluster)).append("/tasks/")
                .append(ApiClient.encode(Json.text(task, "id"))).append("/containers/").append(ApiClient.encode(name))
                .append("/logs?follow=").append(follow);
        if (tail != null) {
            path.append("&tail=").append(tail);
        }
        if (since != null) {
            path.append("&since=").append(ApiClient.encode(since));
        }
        root.api().stream(path.toString(), root.context().out());
        return ExitCodes.OK;
    }

    static String defaultContainer(JsonNode task, ApiClient api, String cluster) {
        JsonNode containers = task.path("containers");
        if (containers.size() == 1) {
            return Json.text(containers.get(0), "name");
        }
        return RunTaskCommand.defaultContainer(new Resources(api).taskDefinition(Json.text(task, "taskDefinition")));
    }
}
