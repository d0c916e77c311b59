package io.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Help shaped by the caller: the commands its token cannot use at all are left out of the command lists, and each
 * list says what it left out and for whom (as the console offers no button a token may not press). Asking is cheap
 * ({@code GET /v1/auth/whoami}, answered from memory) and only happens when help is printed.
 */
final class OfferedCommands {

    private OfferedCommands() {
    }

    /** Hides, in the whole command tree, the commands the caller described by {@code whoami} holds nothing for. */
    static void offer(CommandLine root, JsonNode whoami) {
        offer(root, "", allowed(whoami), caller(whoami));
    }

    /** Keeps every command, and says in the command list that what the token may do is not known. */
    static void unknown(CommandLine root, String server, String why) {
        UsageMessageSpec usage = root.getCommandSpec().usageMessage();
        usage.commandListHeading(heading(
                "Commands (all shown: could not ask " + server + " what this token may do: " + why + "):"));
    }

    private static void offer(CommandLine parent, String prefix, Map<String, Set<String>> allowed, String caller) {
        List<String> hidden = new ArrayList<>();
        parent.getSubcommands().forEach((name, sub) -> {
            String path = prefix.isEmpty() ? name : prefix + " " + name;
            if (CommandPermissions.offered(path, allowed)) {
                offer(sub, path, allowed, caller);
            } else {
                sub.getCommandSpec().usageMessage().hidden(true);
                hidden.add(name);
            }
        });
        if (!hidden.isEmpty()) {
            parent.getCommandSpec().usageMessage().commandListHeading(heading("Commands (not shown, as " + caller
                    + " may not use them: " + String.join(", ", new TreeSet<>(hidden)) + "; see berth auth whoami):"));
        }
    }

    /** resource → verbs, from whoami's {@code allowed}. */
    static Map<String, Set<String>> allowed(JsonNode whoami) {
        Map<String, Set<String>> allowed = new TreeMap<>();
        whoami.path("allowed").properties().forEach(entry -> {
            Set<String> verbs = new TreeSet<>();
            entry.getValue().forEach(verb -> verbs.add(verb.asString()));
            allowed.put(entry.getKey(), verbs);
        });
        return allowed;
    }

    /** "token 'ci' (role deployer)", as the server's denials begin. */
    private static String caller(JsonNode whoami) {
        List<String> roles = new ArrayList<>();
        whoami.path("roles").forEach(role -> roles.add(role.asString()));
        String kind = switch (Json.text(whoami, "source", "")) {
            case "OIDC" -> "user";
            case "CERTIFICATE" -> "certificate";
            case "ADMIN_TOKEN" -> "admin token";
            default -> "token";
        };
        return kind + " '" + Json.text(whoami, "name", "?") + "' ("
                + (roles.isEmpty() ? "no role" : (roles.size() == 1 ? "role " : "roles ") + String.join(", ", roles)) + ")";
    }

    /** A usage heading is a format string: a '%' in a name must not be read as one. */
    private static String heading(String text) {
        return text.replace("%", "%%") + "%n";
    }
}
