package io.berth.app.api;

import io.berth.db.model.LastStatus;
import io.berth.db.model.TaskContainerEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.TaskRepository;
import io.berth.docker.DockerEngine;
import io.berth.reconciler.hosts.EngineRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves what an exec request names — cluster, task, container, command — to a running container on a connected
 * engine, refusing with a 4xx naming the field (or the cluster policy) before any WebSocket is opened.
 */
@Service
class ExecTargets {

    static final int MAX_ARGUMENTS = 256;
    static final int MAX_ARGUMENT_LENGTH = 4096;

    /** What a session runs, and where. */
    record Target(DockerEngine engine, String dockerId, String cluster, String taskId, String container,
                  List<String> command, boolean tty, boolean stdin) {
    }

    private final TaskRepository tasks;
    private final ClusterViews clusters;
    private final ClusterPolicies policies;
    private final EngineRegistry engines;

    ExecTargets(TaskRepository tasks, ClusterViews clusters, ClusterPolicies policies, EngineRegistry engines) {
        this.tasks = tasks;
        this.clusters = clusters;
        this.policies = policies;
        this.engines = engines;
    }

    @Transactional(readOnly = true)
    Target resolve(String cluster, String taskId, String container, List<String> command, String tty, String stdin) {
        clusters.requireCluster(cluster);
        List<String> cmd = command(command);
        boolean withTty = bool("tty", tty);
        boolean withStdin = bool("stdin", stdin);
        if (!Boolean.TRUE.equals(policies.get(cluster).allowExec())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "exec is off in cluster \"" + cluster
                    + "\": its policy's allowExec is false (PUT /v1/clusters/" + cluster + "/policy to allow it)");
        }
        TaskEntity task = parse(taskId).flatMap(tasks::findWithContainersById)
                .filter(t -> t.getCluster().equals(cluster))
                .orElseThrow(() -> ApiErrors.notFound("task " + taskId + " not found in cluster \"" + cluster + "\""));
        TaskContainerEntity row = task.container(container).orElseThrow(() -> ApiErrors.notFound(
                "task " + taskId + " has no container \"" + container + "\""));
        if (task.getLastStatus() != LastStatus.RUNNING) {
            throw ApiErrors.conflict("task " + taskId + " is " + task.getLastStatus() + ", not RUNNING: exec needs a "
                    + "running task");
        }
        if (row.getDockerId() == null) {
            throw ApiErrors.conflict("container \"" + container + "\" of task " + taskId + " was not created");
        }
        DockerEngine engine = engines.engine(task.getContainerInstanceId()).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the host of task " + taskId
                        + " is not connected"));
        return new Target(engine, row.getDockerId(), cluster, taskId, container, cmd, withTty, withStdin);
    }

    private static List<String> command(List<String> command) {
        if (command == null || command.isEmpty() || command.getFirst().isBlank()) {
            throw new InvalidFieldException("command", "at least one command parameter is required "
                    + "(?command=sh, repeated for each argument: ?command=ls&command=-l)");
        }
        if (command.size() > MAX_ARGUMENTS) {
            throw new InvalidFieldException("command", "at most " + MAX_ARGUMENTS + " arguments, got "
                    + command.size());
        }
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).length() > MAX_ARGUMENT_LENGTH || command.get(i).indexOf('\0') >= 0) {
                throw new InvalidFieldException("command[" + i + "]", "must be at most " + MAX_ARGUMENT_LENGTH
                        + " characters without NUL");
            }
        }
        return List.copyOf(command);
    }

    private static boolean bool(String field, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidFieldException(field, "must be true or false, got \"" + value + "\"");
        };
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
