package io.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth auth whoami|can-i}: who the token is and what it may do, as the server decides it. */
@Command(name = "auth", usageHelpAutoWidth = true,
        description = "Who the token is, and whether it may do something",
        subcommands = {AuthCommand.WhoAmI.class, AuthCommand.CanI.class},
        footerHeading = "%nExamples:%n",
        footer = {"  berth auth whoami", "  berth auth can-i delete services -c prod"})
final class AuthCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        throw CliException.usage("name a subcommand: whoami or can-i (berth auth --help)");
    }

    @Command(name = "whoami", description = "The token's name, roles, clusters and rules")
    static final class WhoAmI implements Callable<Integer> {

        @ParentCommand
        AuthCommand parent;

        @Mixin
        HelpOption help;

        @Override
        public Integer call() {
            JsonNode me = parent.root.api().get("/v1/auth/whoami");
            var out = parent.root.out();
            out.println("name:     " + Json.text(me, "name") + " (" + Json.text(me, "source") + ")");
            out.println("roles:    " + join(me.path("roles"), "-"));
            out.println("clusters: " + join(me.path("clusters"), "every cluster"));
            Table rules = new Table(List.of("VERBS", "RESOURCES", "CLUSTERS"));
            me.path("rules").forEach(rule -> rules.row(List.of(join(rule.path("verbs"), "-"),
                    join(rule.path("resources"), "-"), join(rule.path("clusters"), "*"))));
            rules.print(out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "can-i", description = {"Whether the token may do VERB on RESOURCE (in the cluster of -c; "
            + "without -c, in every cluster). Exit code 0 for yes, 1 for no."})
    static final class CanI implements Callable<Integer> {

        @ParentCommand
        AuthCommand parent;

        @Mixin
        HelpOption help;

        @Parameters(index = "0", paramLabel = "VERB", description = "get, list, watch, create, update or delete")
        String verb;

        @Parameters(index = "1", paramLabel = "RESOURCE", description = "e.g. services, tasks, instances, tokens")
        String resource;

        @Override
        public Integer call() {
            String cluster = parent.root.cluster;
            String query = "verb=" + ApiClient.encode(verb) + "&resource=" + ApiClient.encode(resource)
                    + (cluster == null || cluster.isBlank() ? "" : "&cluster=" + ApiClient.encode(cluster));
            JsonNode answer = parent.root.api().get("/v1/auth/can-i?" + query);
            boolean allowed = answer.path("allowed").asBoolean(false);
            parent.root.out().println(allowed ? "yes" : "no: " + Json.text(answer, "message", ""));
            parent.root.out().flush();
            return allowed ? ExitCodes.OK : ExitCodes.API_ERROR;
        }
    }

    private static String join(JsonNode array, String empty) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.stringValue()));
        return items.isEmpty() ? empty : String.join(",", items);
    }
}
