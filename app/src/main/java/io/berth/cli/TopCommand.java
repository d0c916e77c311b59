package io.berth.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth top service NAME | berth top tasks}, like {@code kubectl top}: sampled CPU and memory. */
@Command(name = "top", usageHelpAutoWidth = true,
        description = {"Show what running tasks use, in percent of their reservations (cpu units: 1024 = one core).",
                "Figures are the leader's last samples over its metrics window; <none> until a task has two."},
        footerHeading = "%nExamples:%n",
        footer = {"  berth top service web", "  berth top tasks"})
final class TopCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "WHAT", description = "service or tasks")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SERVICE", description = "with service: NAME, service/NAME "
            + "or service/CLUSTER/NAME")
    String service;

    @Override
    public Integer call() {
        switch (what) {
            case "service", "services", "svc" -> {
                if (service == null) {
                    throw CliException.usage("berth top service NAME: name the service");
                }
                ServiceRef ref = ServiceArgument.parse(service, root.cluster());
                JsonNode m = root.api().get(ref.path() + "/metrics");
                root.out().println("SERVICE " + ref.name() + "   CPU " + percent(m, "cpuUtilization") + "   MEMORY "
                        + percent(m, "memoryUtilization") + "   TASKS " + Json.number(m, "sampledTasks") + "/"
                        + Json.number(m, "desiredCount") + "   WINDOW " + Json.text(m, "window", ""));
                tasks(m.path("tasks"), false);
            }
            case "task", "tasks" -> tasks(root.api().get(Resources.clusterPath(root.cluster()) + "/task-metrics"), true);
            default -> throw CliException.usage("berth top: WHAT is service or tasks, got \"" + what + "\"");
        }
        return ExitCodes.OK;
    }

    private void tasks(JsonNode list, boolean withService) {
        Table table = new Table(withService ? List.of("TASK", "SERVICE", "CPU", "MEMORY", "MEM USED", "SAMPLES")
                : List.of("TASK", "CPU", "MEMORY", "MEM USED", "SAMPLES"));
        for (JsonNode t : list) {
            String task = Json.text(t, "taskId", "");
            String used = (Json.number(t, "memoryBytes") >> 20) + "Mi";
            String samples = String.valueOf(Json.number(t, "samples"));
            table.row(withService ? List.of(task, Json.text(t, "service", ""), percent(t, "cpuUtilization"),
                    percent(t, "memoryUtilization"), used, samples)
                    : List.of(task, percent(t, "cpuUtilization"), percent(t, "memoryUtilization"), used, samples));
        }
        table.print(root.out());
    }

    private static String percent(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() + "%" : "<none>";
    }
}
