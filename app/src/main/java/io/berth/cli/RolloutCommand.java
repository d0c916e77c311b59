package io.berth.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code berth rollout status|history|undo|restart service/NAME}, like {@code kubectl rollout}. */
@Command(name = "rollout", usageHelpAutoWidth = true,
        description = {"Follow and steer a service's rollouts (deployments).",
                "SERVICE is service/NAME, service/CLUSTER/NAME (as apply prints it) or NAME."},
        subcommands = {RolloutStatusCommand.class, RolloutHistoryCommand.class, RolloutUndoCommand.class,
                RolloutRestartCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  berth rollout status service/web --watch --timeout 5m",
                "  berth rollout history service/web",
                "  berth rollout undo service/web --to-revision 3",
                "  berth rollout restart service/web --wait"})
final class RolloutCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        throw CliException.usage("name a subcommand: status, history, undo or restart (berth rollout --help)");
    }
}
