package io.berth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code berth version}: the client's version, and the server's address and health. */
@Command(name = "version", usageHelpAutoWidth = true,
        description = "Print the client version, the server URL and the server's health (/actuator/health).")
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    BerthCli root;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = root.out();
        out.println("Client Version: " + BerthCli.clientVersion());
        ApiClient api = root.api();
        out.println("Server:         " + api.server());
        out.flush();
        ApiClient.Response health = api.getRaw("/actuator/health");
        String status;
        try {
            JsonNode body = Json.JSON.readTree(health.body());
            status = Json.text(body, "status", "HTTP " + health.status());
        } catch (JacksonException | IllegalArgumentException e) {
            status = "HTTP " + health.status();
        }
        out.println("Server Health:  " + status);
        out.flush();
        if (health.status() != 200) {
            throw new CliException(ExitCodes.API_ERROR, "server at " + api.server() + " is " + status);
        }
        return ExitCodes.OK;
    }
}
