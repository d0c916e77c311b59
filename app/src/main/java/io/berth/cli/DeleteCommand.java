package io.berth.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth delete service NAME [-c CLUSTER] [--wait [--timeout 60s]]}. */
@Command(name = "delete", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Delete a service: it drains (scales to zero, its containers are removed), then disappears.",
                "Task definitions, instances and clusters cannot be deleted through the API yet."},
        footerHeading = "%nExamples:%n",
        footer = {"  berth delete service web", "  berth delete svc web -c prod --wait --timeout 2m"})
final class DeleteCommand implements Callable<Integer> {

    /** The server holds a waiting request at most this long. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "TYPE", converter = ResourceType.Converter.class,
            completionCandidates = ResourceType.Candidates.class,
            description = "service, secret, config or scheduled-task")
    ResourceType type;

    @Parameters(index = "1", paramLabel = "NAME", description = "The service's, secret's, config's or scheduled task's name")
    String name;

    @Option(names = "--wait", description = "Return only once the service is gone (its tasks stopped and removed)")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long --wait waits, at most 5m (default: ${DEFAULT-VALUE}); exit code 4 when it passes")
    Duration timeout;

    @Override
    public Integer call() {
        if (type == ResourceType.SECRETS || type == ResourceType.CONFIGS) {
            // Refused (409, naming them) while a task definition in use references it.
            root.api().delete("/v1/" + type.plural() + "/" + ApiClient.encode(name), ApiClient.REQUEST_TIMEOUT);
            root.out().println(type.singular() + "/" + name + " deleted");
            root.out().flush();
            return ExitCodes.OK;
        }
        if (type == ResourceType.SCHEDULED_TASKS) {
            // Its firing history goes with it; tasks it started run on.
            root.api().delete(Resources.clusterPath(root.cluster()) + "/scheduled-tasks/" + ApiClient.encode(name),
                    ApiClient.REQUEST_TIMEOUT);
            root.out().println("scheduled-task/" + name + " deleted");
            root.out().flush();
            return ExitCodes.OK;
        }
        if (type != ResourceType.SERVICES) {
            throw CliException.usage("only services, secrets, configs and scheduled tasks can be deleted (the API has no delete for "
                    + type.plural() + " yet)");
        }
        if (wait && timeout.compareTo(MAX_WAIT) > 0) {
            throw CliException.usage("--timeout must be at most 5m");
        }
        String cluster = root.cluster();
        String path = Resources.clusterPath(cluster) + "/services/" + ApiClient.encode(name)
                + (wait ? "?wait=true&timeout=" + Durations.format(timeout) : "");
        JsonNode service = root.api().delete(path, wait ? timeout.plusSeconds(30) : ApiClient.REQUEST_TIMEOUT);
        String ref = "service/" + Json.text(service, "cluster", cluster) + "/" + Json.text(service, "name", name);
        root.out().println(wait ? ref + " deleted"
                : ref + " deleting (" + Json.text(service, "status", "DRAINING") + ": its tasks are being stopped)");
        root.out().flush();
        return ExitCodes.OK;
    }
}
