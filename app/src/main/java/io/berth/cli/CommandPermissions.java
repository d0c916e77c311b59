package io.berth.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which API permissions each command needs: any one of them makes the command useful (get needs a read of some
 * resource, run-task needs to create tasks). Help leaves out a command for which the token holds none of them; the
 * server still decides every request, so this table only shapes what is offered, never what is allowed.
 *
 * <p>Every command must have an entry ({@code CommandPermissionsTest} walks the command tree), so a new command
 * says what it needs as a new route does in the server's route rules.
 */
final class CommandPermissions {

    /** One verb on one resource; {@code "*"} as the resource is any resource. */
    record Grant(String verb, String resource) {
        boolean heldIn(Map<String, Set<String>> allowed) {
            if (resource.equals("*")) {
                return allowed.values().stream().anyMatch(verbs -> verbs.contains(verb));
            }
            return allowed.getOrDefault(resource, Set.of()).contains(verb);
        }
    }

    /** Commands that need no permission: they talk about the client or the caller itself. */
    private static final List<Grant> ALWAYS = List.of();

    /** Keyed by the command's path below {@code berth}, e.g. "rollout undo". */
    private static final Map<String, List<Grant>> NEEDS = Map.ofEntries(
            Map.entry("apply", List.of(new Grant("create", "*"), new Grant("update", "*"))),
            Map.entry("get", List.of(new Grant("get", "*"), new Grant("list", "*"))),
            Map.entry("describe", List.of(new Grant("get", "*"), new Grant("list", "*"))),
            Map.entry("delete", List.of(new Grant("delete", "*"))),
            Map.entry("run-task", List.of(new Grant("create", "tasks"))),
            Map.entry("stop-task", List.of(new Grant("delete", "tasks"))),
            Map.entry("logs", List.of(new Grant("get", "logs"))),
            Map.entry("exec", List.of(new Grant("exec", "tasks"))),
            Map.entry("audit", List.of(new Grant("list", "audit"))),
            Map.entry("rollout", List.of(new Grant("get", "deployments"), new Grant("list", "deployments"),
                    new Grant("create", "deployments"))),
            Map.entry("rollout status", List.of(new Grant("get", "deployments"))),
            Map.entry("rollout history", List.of(new Grant("list", "deployments"))),
            Map.entry("rollout undo", List.of(new Grant("create", "deployments"))),
            Map.entry("rollout restart", List.of(new Grant("create", "deployments"))),
            Map.entry("top", List.of(new Grant("get", "services"), new Grant("list", "tasks"))),
            Map.entry("token", List.of(new Grant("create", "tokens"), new Grant("list", "tokens"),
                    new Grant("delete", "tokens"))),
            Map.entry("token create", List.of(new Grant("create", "tokens"))),
            Map.entry("token list", List.of(new Grant("list", "tokens"))),
            Map.entry("token revoke", List.of(new Grant("delete", "tokens"))),
            Map.entry("auth", ALWAYS),
            Map.entry("auth whoami", ALWAYS),
            Map.entry("auth can-i", ALWAYS),
            Map.entry("version", ALWAYS),
            Map.entry("completion", ALWAYS),
            Map.entry("help", ALWAYS));

    private CommandPermissions() {
    }

    /** What a command needs; empty when the table does not know it. */
    static Optional<List<Grant>> needs(String path) {
        return Optional.ofNullable(NEEDS.get(path));
    }

    /** Whether help offers the command to a caller holding {@code allowed} (resource → verbs). */
    static boolean offered(String path, Map<String, Set<String>> allowed) {
        List<Grant> grants = NEEDS.get(path);
        return grants == null || grants.isEmpty() || grants.stream().anyMatch(grant -> grant.heldIn(allowed));
    }
}
