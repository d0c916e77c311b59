package io.berth.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth rollout status SERVICE [-w [--timeout D]]}. */
@Command(name = "status", usageHelpAutoWidth = true, sortOptions = false,
        description = {"Show the service's current rollout; with --watch, follow it until it ends.",
                "Exit 0 while IN_PROGRESS or COMPLETED, 5 when FAILED or ROLLED_BACK (--watch: when it ends so), "
                        + "4 when --timeout passes first."})
final class RolloutStatusCommand implements Callable<Integer> {

    @ParentCommand
    RolloutCommand rollout;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "service/NAME, service/CLUSTER/NAME or NAME")
    String service;

    @Option(names = {"-w", "--watch"}, description = "Wait until the rollout is COMPLETED, FAILED or ROLLED_BACK")
    boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long --watch waits (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() {
        BerthCli root = rollout.root;
        ServiceRef ref = ServiceArgument.parse(service, root.cluster());
        if (watch) {
            return new RolloutWatch(root.api(), root.context(), ref).await(null, timeout);
        }
        JsonNode current = root.api().get(ref.path() + "/rollout");
        root.out().println(ref.ref() + ": " + RolloutText.line(current));
        root.out().flush();
        String state = Json.text(current, "rolloutState", "");
        return state.equals("FAILED") || state.equals("ROLLED_BACK") ? ExitCodes.ROLLOUT_FAILED : ExitCodes.OK;
    }
}
