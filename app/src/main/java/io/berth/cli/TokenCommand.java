package io.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth token create|list|revoke}: API tokens with a role and the clusters they reach. */
@Command(name = "token", usageHelpAutoWidth = true,
        description = {"Create, list and revoke API tokens.",
                "A token has one role (admin, operator, deployer, viewer or a custom kind: Role) and reaches only the "
                        + "clusters it names; its secret is printed once, at creation."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class},
        footerHeading = "%nExamples:%n",
        footer = {"  berth token create ci --role deployer --clusters prod,staging --expires-in 90d",
                "  berth token list",
                "  berth token revoke ci"})
final class TokenCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        throw CliException.usage("name a subcommand: create, list or revoke (berth token --help)");
    }

    @Command(name = "create", description = "Create a token and print its secret (shown this once)")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        TokenCommand parent;

        @Mixin
        HelpOption help;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, operator, deployer, "
                + "viewer or a custom role")
        String role;

        @Option(names = "--clusters", split = ",", paramLabel = "CLUSTER",
                description = "Clusters the token reaches, comma-separated (default: every cluster; admin only)")
        List<String> clusters = new ArrayList<>();

        @Option(names = "--expires-in", paramLabel = "DURATION", description = "e.g. 90d, 12h, 30m (default: never)")
        String expiresIn;

        @Override
        public Integer call() {
            ObjectNode body = Json.JSON.createObjectNode();
            body.put("name", name);
            body.put("role", role);
            ArrayNode scope = body.putArray("clusters");
            clusters.forEach(scope::add);
            if (expiresIn != null) {
                body.put("expiresIn", expiresIn);
            }
            JsonNode created = parent.root.api().post("/v1/tokens", Json.JSON.writeValueAsString(body), "application/json");
            // The secret alone on stdout, so that `berth token create ... > file` keeps just the secret.
            parent.root.out().println(Json.text(created, "secret"));
            parent.root.out().flush();
            parent.root.context().err().println("token/" + name + " created (role " + role + ", "
                    + (clusters.isEmpty() ? "every cluster" : "clusters " + String.join(",", clusters))
                    + "); the secret above is not shown again");
            parent.root.context().err().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List tokens that are not revoked (never their secrets)")
    static final class ListTokens implements Callable<Integer> {

        @ParentCommand
        TokenCommand parent;

        @Mixin
        HelpOption help;

        @Override
        public Integer call() {
            JsonNode tokens = parent.root.api().get("/v1/tokens");
            Table table = new Table(List.of("NAME", "ROLE", "CLUSTERS", "CREATED", "EXPIRES", "LAST USED"));
            for (JsonNode token : tokens) {
                List<String> clusters = new ArrayList<>();
                token.path("clusters").forEach(c -> clusters.add(c.stringValue()));
                table.row(List.of(Json.text(token, "name"), Json.text(token, "role"),
                        clusters.isEmpty() ? "*" : String.join(",", clusters), Json.text(token, "createdAt", "-"),
                        Json.text(token, "expiresAt", "never"), Json.text(token, "lastUsedAt", "never")));
            }
            table.print(parent.root.out());
            parent.root.out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a token: refused from its next request on")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        TokenCommand parent;

        @Mixin
        HelpOption help;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            parent.root.api().delete("/v1/tokens/" + ApiClient.encode(name), Duration.ofSeconds(30));
            parent.root.out().println("token/" + name + " revoked");
            parent.root.out().flush();
            return ExitCodes.OK;
        }
    }
}
