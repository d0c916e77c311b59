package io.berth.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth rollout history SERVICE [-o table|json|yaml]}: the service's deployments, newest first. */
@Command(name = "history", usageHelpAutoWidth = true, sortOptions = false,
        description = "List the service's deployments, newest first: revision, state, trigger, counts, reason.")
final class RolloutHistoryCommand implements Callable<Integer> {

    @ParentCommand
    RolloutCommand rollout;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "service/NAME, service/CLUSTER/NAME or NAME")
    String service;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or yaml (default: ${DEFAULT-VALUE})")
    GetCommand.Format output;

    @Override
    public Integer call() {
        BerthCli root = rollout.root;
        ServiceRef ref = ServiceArgument.parse(service, root.cluster());
        JsonNode deployments = root.api().getAll(ref.path() + "/deployments");
        switch (output) {
            case json -> root.out().println(Json.pretty(deployments));
            case yaml -> root.out().print(Json.yaml(deployments));
            case table -> table(deployments, root.context().now()).print(root.out());
        }
        root.out().flush();
        return ExitCodes.OK;
    }

    static Table table(JsonNode deployments, Instant now) {
        Table table = new Table(List.of("DEPLOYMENT", "TASK DEFINITION", "STATUS", "ROLLOUT", "TRIGGER", "DESIRED",
                "RUNNING", "FAILED", "AGE", "REASON"));
        for (JsonNode d : deployments) {
            Instant created = Json.instant(d, "createdAt");
            table.row(List.of(GetCommand.shortId(Json.text(d, "id")), Json.text(d, "taskDefinition", ""),
                    Json.text(d, "status", ""), Json.text(d, "rolloutState", ""), Json.text(d, "trigger", ""),
                    Json.text(d, "desiredCount", "0"), Json.text(d, "runningCount", "0"),
                    Json.text(d, "failedTasks", "0"),
                    created == null ? "" : Durations.age(Duration.between(created, now)), Json.text(d, "reason", "")));
        }
        return table;
    }
}
