package io.berth.app.console;

import io.berth.app.api.dto.HostPortView;
import io.berth.app.api.dto.TaskContainerView;
import io.berth.app.api.dto.TaskView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One task as a table row shows it: what the API's task view says, with its host named and its uptime worked out.
 *
 * @param host   the container instance's name, or its id's start when the caller may not list instances
 * @param ports  "8080→32768/tcp, …" from every container's host ports
 * @param uptime how long it has been running; empty when it is not running
 */
public record TaskRow(String id, String shortId, String lastStatus, String desiredStatus, String host, String ports,
                      String health, String uptime, Instant startedAt, String stoppedReason) {

    /** @param hosts container instance id → name (the ones the caller may see) */
    public static TaskRow of(TaskView task, Map<UUID, String> hosts, Instant now) {
        String id = task.id().toString();
        String host = task.containerInstanceId() == null ? ""
                : hosts.getOrDefault(task.containerInstanceId(), task.containerInstanceId().toString().substring(0, 8));
        String ports = task.containers() == null ? "" : task.containers().stream()
                .map(TaskContainerView::hostPorts).filter(p -> p != null).flatMap(List::stream)
                .map(TaskRow::port).collect(Collectors.joining(", "));
        String uptime = "RUNNING".equals(task.lastStatus()) && task.startedAt() != null
                ? duration(Duration.between(task.startedAt(), now)) : "";
        return new TaskRow(id, id.substring(0, 8), task.lastStatus(), task.desiredStatus(), host, ports,
                task.healthStatus() == null ? "" : task.healthStatus(), uptime, task.startedAt(),
                task.stoppedReason() == null ? "" : task.stoppedReason());
    }

    private static String port(HostPortView p) {
        return p.hostPort() + "→" + p.containerPort() + "/" + p.protocol();
    }

    /** "45s", "3m 12s", "2h 5m", "3d 4h": two units at most. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }
}
