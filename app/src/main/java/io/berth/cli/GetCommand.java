package io.berth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth get TYPE [NAME] [-c CLUSTER] [--service NAME] [--status S] [-o table|json|yaml] [-w]}. */
@Command(name = "get", sortOptions = false, usageHelpAutoWidth = true,
        description = "List clusters, instances, task definitions, services, tasks, target groups, load "
                + "balancers, secrets or configs, or show one of them; or a target group's targets and their health.",
        footerHeading = "%nExamples:%n",
        footer = {"  berth get services", "  berth get tasks --service web --status running",
                "  berth get tasks --started-by ci-42 --group nightly   # one-off tasks (run-task)",
                "  berth get task-definitions web        # the revisions of family web",
                "  berth get service web -o yaml", "  berth get tasks -w",
                "  berth get targets web-tg -w            # the targets of group web-tg and their health",
                "  berth get scheduled-actions --service web   # its scheduled scaling, last and next firing"})
final class GetCommand implements Callable<Integer> {

    enum Format { table, json, yaml }

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "TYPE", converter = ResourceType.Converter.class,
            completionCandidates = ResourceType.Candidates.class,
            description = "clusters, instances, task-definitions (td), services (svc), tasks, target-groups (tg), "
                    + "load-balancers (lb), secrets, configs, scheduled-tasks (st), scheduled-actions (sa) or targets (of "
                    + "the target group NAME)")
    ResourceType type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "Only this one: a name, a task id (or its first characters), an instance id, hostname "
                    + "or endpoint, a task definition family or family:revision, a target group or load balancer "
                    + "name; for targets, the target group (required)")
    String name;

    @Option(names = "--service", paramLabel = "NAME", description = "tasks, scheduled-actions: only those of this service")
    String service;

    @Option(names = {"--status", "--desired-status"}, paramLabel = "STATUS",
            description = "tasks: only those whose desired status is RUNNING or STOPPED")
    String status;

    @Option(names = "--started-by", paramLabel = "TEXT", description = "tasks: only those run-task started with this startedBy")
    String startedBy;

    @Option(names = "--group", paramLabel = "NAME", description = "tasks: only those run-task started in this group")
    String group;

    @Option(names = "--family", paramLabel = "NAME", description = "tasks: only those of this task definition family")
    String family;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or yaml (default: ${DEFAULT-VALUE})")
    Format output;

    @Option(names = {"-w", "--watch"}, description = "After listing, poll every 2s and print the rows that changed")
    boolean watch;

    @Override
    public Integer call() {
        boolean serviceOnly = new TaskQuery(service, null, null, null, null).equals(taskQuery());
        if (!taskQuery().isEmpty() && type != ResourceType.TASKS
                && !(type == ResourceType.SCHEDULED_ACTIONS && serviceOnly)) {
            throw CliException.usage("--service, --status, --started-by, --group and --family apply to tasks only (--service to"
                    + " scheduled-actions too)");
        }
        if (type == ResourceType.TARGETS && name == null) {
            throw CliException.usage("get targets needs the target group: berth get targets GROUP");
        }
        ResourceViews views = new ResourceViews(new Resources(root.api()), root.cluster(), root.context().now());
        ResourceViews.Listing first = views.list(type, name, taskQuery());
        PrintWriter out = root.out();
        print(first, out);
        if (!watch) {
            return ExitCodes.OK;
        }
        // Rows are compared by what the API said, not by their text: ages alone do not make a row "changed".
        Map<String, JsonNode> shown = new HashMap<>();
        Map<String, List<String>> shownRows = new HashMap<>();
        String shownDocument = render(first.raw());
        for (int i = 0; i < first.keys().size(); i++) {
            shown.put(first.keys().get(i), first.items().get(i));
            shownRows.put(first.keys().get(i), first.table().rows().get(i));
        }
        while (true) {
            try {
                root.context().sleeper().sleep(root.context().watchInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.OK;
            }
            ResourceViews.Listing next = poll();
            if (output != Format.table) {
                String document = render(next.raw());
                if (!document.equals(shownDocument)) {
                    out.print(document);
                    shownDocument = document;
                }
            } else {
                for (int i = 0; i < next.keys().size(); i++) {
                    if (!next.items().get(i).equals(shown.put(next.keys().get(i), next.items().get(i)))) {
                        out.println(first.table().format(next.table().rows().get(i)));
                    }
                    shownRows.put(next.keys().get(i), next.table().rows().get(i));
                }
                // like kubectl get -w: what went away is shown once more, marked
                for (String key : new ArrayList<>(shown.keySet())) {
                    if (!next.keys().contains(key)) {
                        out.println(first.table().format(shownRows.remove(key)) + "   <deleted>");
                        shown.remove(key);
                    }
                }
            }
            out.flush();
        }
    }

    /** The next listing; a watched NAME that is gone (404) is an empty listing, and the watch goes on. */
    private ResourceViews.Listing poll() {
        ResourceViews views = new ResourceViews(new Resources(root.api()), root.cluster(), root.context().now());
        try {
            return views.list(type, name, taskQuery());
        } catch (ApiClient.ApiException e) {
            if (name == null || e.status() != 404) {
                throw e;
            }
            return new ResourceViews.Listing(Json.JSON.createArrayNode(), new Table(List.of()), List.of(), List.of());
        }
    }

    private void print(ResourceViews.Listing listing, PrintWriter out) {
        if (output == Format.table) {
            if (listing.keys().isEmpty() && listing.raw().isArray()) {
                root.context().err().println("No " + type.plural() + " found"
                        + (type.global() ? "."
                        : type == ResourceType.TARGETS ? " in target group \"" + name + "\" of cluster \""
                        + root.cluster() + "\"." : " in cluster \"" + root.cluster() + "\"."));
                root.context().err().flush();
                if (!watch) {
                    return;
                }
            }
            listing.table().print(out);
        } else {
            out.print(render(listing.raw()));
        }
        out.flush();
    }

    private String render(JsonNode node) {
        return switch (output) {
            case json -> Json.pretty(node) + System.lineSeparator();
            case yaml -> Json.yaml(node);
            case table -> "";
        };
    }


    private TaskQuery taskQuery() {
        return new TaskQuery(service, status, startedBy, group, family);
    }


    static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }
}
