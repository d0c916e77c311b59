package io.berth.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Help leaves out what the token cannot use at all, as the server says through whoami. */
class OfferedCommandsTest extends FakeServerTestBase {

    private static final String VIEWER = """
            {"name":"dash","source":"TOKEN","roles":["viewer"],"clusters":["prod"],"rules":[],
             "allowed":{"services":["get","list","watch"],"tasks":["get","list","watch"],"logs":["get","list","watch"],
                        "deployments":["get","list","watch"],"instances":["get","list","watch"]}}""";

    private static final String ADMIN = """
            {"name":"root","source":"ADMIN_TOKEN","roles":["admin"],"clusters":[],"rules":[],
             "allowed":{"services":["create","delete","get","list","update","watch"],"tasks":["create","delete","exec","get","list"],
                        "logs":["get"],"deployments":["create","get","list"],"tokens":["create","delete","get","list"],
                        "audit":["list"]}}""";

    @Test
    void aViewerIsNotOfferedWhatChangesAnythingAndIsToldWhatWasLeftOut() {
        cli.env.put("BERTH_TOKEN", "berth_viewer");
        server.on("GET /v1/auth/whoami", 200, VIEWER);

        Cli.Result help = cli.run("--help");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(commandNames(help.out())).contains("get", "describe", "logs", "rollout", "top", "auth", "version")
                .doesNotContain("apply", "delete", "run-task", "stop-task", "exec", "token", "audit");
        assertThat(oneLine(help.out())).contains("not shown, as token 'dash' (role viewer) may not use them: "
                + "apply, audit, delete, exec, run-task, stop-task, token; see berth auth whoami");
        assertThat(server.last("GET").header("Authorization")).isEqualTo("Bearer berth_viewer");

        Cli.Result rollout = cli.run("rollout", "--help");
        assertThat(commandNames(rollout.out())).contains("status", "history").doesNotContain("undo", "restart");
        Cli.Result viaHelp = cli.run("help", "rollout");
        assertThat(commandNames(viaHelp.out())).contains("status").doesNotContain("undo");
    }

    @Test
    void anAdminSeesEveryCommandAndBareBerthAsksToo() {
        cli.env.put("BERTH_TOKEN", "berth_admin");
        server.on("GET /v1/auth/whoami", 200, ADMIN);

        Cli.Result help = cli.run();

        assertThat(help.exitCode()).isZero();
        assertThat(commandNames(help.out())).contains("apply", "delete", "run-task", "exec", "token", "audit", "rollout");
        assertThat(help.out()).doesNotContain("not shown");
    }

    @Test
    void whenTheServerCannotSayEveryCommandIsShownWithTheReason() {
        cli.env.put("BERTH_TOKEN", "berth_expired");
        server.on("GET /v1/auth/whoami", 401, """
                {"status":401,"error":"Unauthorized","message":"token 'ci' expired at 2026-12-01T00:00:00Z"}""");

        Cli.Result help = cli.run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(commandNames(help.out())).contains("apply", "delete", "token");
        assertThat(oneLine(help.out())).contains("all shown: could not ask " + server.url() + " what this token may do:")
                .contains("expired");
    }

    @Test
    void withoutATokenNobodyIsAskedAndOtherCommandsDoNotAsk() {
        Cli.Result help = cli.run("--help");
        assertThat(commandNames(help.out())).contains("apply", "token");
        assertThat(server.requests).isEmpty();

        cli.env.put("BERTH_TOKEN", "berth_viewer");
        server.on("GET /v1/auth/whoami", 200, VIEWER);
        server.on("GET /v1/auth/can-i", 200, "{\"allowed\":true}");
        cli.run("auth", "can-i", "get", "services");
        assertThat(server.requests).noneMatch(r -> r.path().equals("/v1/auth/whoami"));
    }

    @Test
    void everyCommandSaysWhatItNeeds() {
        List<String> missing = new ArrayList<>();
        walk(new CommandLine(new BerthCli(CliContext.system())), "", missing);
        assertThat(missing).as("commands without an entry in CommandPermissions").isEmpty();
    }

    private static void walk(CommandLine parent, String prefix, List<String> missing) {
        parent.getSubcommands().forEach((name, sub) -> {
            String path = prefix.isEmpty() ? name : prefix + " " + name;
            if (CommandPermissions.needs(path).isEmpty()) {
                missing.add(path);
            }
            walk(sub, path, missing);
        });
    }

    /** Usage text with its wrapping undone. */
    private static String oneLine(String usage) {
        return usage.replaceAll("\\s+", " ");
    }

    /** The names in the command list of a usage text. */
    private static List<String> commandNames(String usage) {
        List<String> names = new ArrayList<>();
        boolean inList = false;
        for (String line : usage.split("\n")) {
            if (line.startsWith("Commands")) {
                inList = true;
                continue;
            }
            if (inList && !line.startsWith("  ")) {
                if (!names.isEmpty()) {
                    break;
                }
                continue; // the heading, wrapped
            }
            if (inList) {
                var m = Pattern.compile("^  ([a-z][a-z-]*)(\\s|$)").matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                } else if (!line.startsWith("   ")) {
                    break;
                }
            }
        }
        return names;
    }
}
