package io.berth.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth rollout undo SERVICE [--to-revision N] [--wait [--timeout D]]}: {@code POST …/rollback}. */
@Command(name = "undo", usageHelpAutoWidth = true, sortOptions = false,
        description = {"Roll the service back: to the newest completed deployment of another revision, or to "
                + "--to-revision.", "A new deployment (trigger ROLLBACK) replaces the tasks within the service's "
                + "rollout bounds."})
final class RolloutUndoCommand implements Callable<Integer> {

    @ParentCommand
    RolloutCommand rollout;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "service/NAME, service/CLUSTER/NAME or NAME")
    String service;

    @Option(names = "--to-revision", paramLabel = "N",
            description = "The task definition revision of the service's family to go back to")
    Integer toRevision;

    @Mixin
    RolloutWaitOptions waiting;

    @Override
    public Integer call() {
        if (toRevision != null && toRevision < 1) {
            throw CliException.usage("--to-revision must be >= 1 (got " + toRevision + ")");
        }
        BerthCli root = rollout.root;
        ServiceRef ref = ServiceArgument.parse(service, root.cluster());
        String body = toRevision == null ? "{}" : "{\"taskDefinition\":\"" + toRevision + "\"}";
        JsonNode deployment = root.api().post(ref.path() + "/rollback", body, Manifests.JSON);
        root.out().println(ref.ref() + " rolling back to " + Json.text(deployment, "taskDefinition", "?")
                + " (deployment " + GetCommand.shortId(Json.text(deployment, "id")) + ")");
        root.out().flush();
        return waiting.afterwards(root, ref, deployment);
    }
}
