package io.berth.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth rollout restart SERVICE [--wait [--timeout D]]}: {@code POST …/restart}. */
@Command(name = "restart", usageHelpAutoWidth = true, sortOptions = false,
        description = "Replace every task of the service with a new one of the same revision (a new deployment, "
                + "trigger RESTART), within its rollout bounds.")
final class RolloutRestartCommand implements Callable<Integer> {

    @ParentCommand
    RolloutCommand rollout;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "service/NAME, service/CLUSTER/NAME or NAME")
    String service;

    @Mixin
    RolloutWaitOptions waiting;

    @Override
    public Integer call() {
        BerthCli root = rollout.root;
        ServiceRef ref = ServiceArgument.parse(service, root.cluster());
        JsonNode deployment = root.api().post(ref.path() + "/restart", "{}", Manifests.JSON);
        root.out().println(ref.ref() + " restarting (" + Json.text(deployment, "taskDefinition", "?")
                + ", deployment " + GetCommand.shortId(Json.text(deployment, "id")) + ")");
        root.out().flush();
        return waiting.afterwards(root, ref, deployment);
    }
}
