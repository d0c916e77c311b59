package io.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code berth audit [--since 1h] [--who NAME] [--resource KIND] [-c CLUSTER] [--limit N] [-o table|json|yaml]}. */
@Command(name = "audit", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Show the audit trail, newest first: who changed what, when, from where, and the answer.",
                "Every mutating request is there, refused ones too (401 as user anonymous), and every log follow.",
                "Across all clusters unless -c names one."},
        footerHeading = "%nExamples:%n",
        footer = {"  berth audit --since 1h", "  berth audit --who admin --resource services",
                "  berth audit -c prod --since 2026-12-01T00:00:00Z -o json"})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only events since an instant or a duration ago (1h)")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Only events before an instant or a duration ago")
    String until;

    @Option(names = "--who", paramLabel = "NAME", description = "Only events of this caller")
    String who;

    @Option(names = "--resource", paramLabel = "KIND",
            description = "Only events on this kind: apply, services, tasks, credentials, container-instances, ...")
    String resource;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most N events (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or yaml (default: ${DEFAULT-VALUE})")
    GetCommand.Format output;

    @Override
    public Integer call() {
        JsonNode events = root.api().get(path());
        var out = root.out();
        switch (output) {
            case json -> out.println(Json.pretty(events));
            case yaml -> out.print(Json.yaml(events));
            case table -> {
                if (events.isEmpty()) {
                    root.context().err().println("No audit events found.");
                    root.context().err().flush();
                    return ExitCodes.OK;
                }
                Table table = new Table(List.of("TIME", "USER", "VERB", "KIND", "CLUSTER", "NAME", "STATUS", "SOURCE",
                        "REQUEST ID"));
                for (JsonNode e : events) {
                    String name = Json.text(e, "name", "");
                    if (e.has("documents")) {
                        List<String> documents = new ArrayList<>();
                        e.get("documents").forEach(d -> documents.add(d.asString()));
                        name = String.join(",", documents);
                    } else if (e.has("subresource")) {
                        name = name + "/" + Json.text(e, "subresource");
                    }
                    table.row(List.of(Json.text(e, "time", ""), Json.text(e, "user", ""), Json.text(e, "verb", ""),
                            Json.text(e, "kind", Json.text(e, "resource", "")), Json.text(e, "cluster", ""), name,
                            Json.text(e, "status", ""), Json.text(e, "sourceAddress", ""), Json.text(e, "requestId", "")));
                }
                table.print(out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    String path() {
        StringBuilder path = new StringBuilder("/v1/audit?limit=").append(limit);
        append(path, "since", since);
        append(path, "until", until);
        append(path, "who", who);
        append(path, "resource", resource);
        // Only a cluster named on the command line: without -c the trail of every cluster is shown.
        append(path, "cluster", root.cluster);
        return path.toString();
    }

    private static void append(StringBuilder path, String name, String value) {
        if (value != null && !value.isBlank()) {
            path.append('&').append(name).append('=').append(ApiClient.encode(value));
        }
    }
}
