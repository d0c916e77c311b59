package io.berth.app.api;

import io.berth.app.api.dto.HostPortView;
import io.berth.app.api.dto.TaskContainerView;
import io.berth.app.api.dto.TaskView;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The tasks of a run-task answer. They are read back after their commit, so that the answer shows what a describe
 * would; but by then they are stored and the loop will start them. A read that fails then — the database went away
 * between the commit and the read — must not turn the answer into an error ("nothing was changed, retry"), after which
 * the client would run the tasks a second time: each task is answered as it was written instead (PROVISIONING, its
 * containers PENDING), with 201 as for any accepted run-task.
 */
final class AcceptedTasks {

    private static final Logger log = LoggerFactory.getLogger(AcceptedTasks.class);

    private AcceptedTasks() {
    }

    /**
     * @param stored   the tasks just committed
     * @param readBack a task's view by id, from the database
     */
    static List<TaskView> views(List<Task> stored, String startedBy, String group, Function<UUID, TaskView> readBack) {
        try {
            return stored.stream().map(t -> readBack.apply(t.id())).toList();
        } catch (RuntimeException e) {
            log.warn("run-task: {} tasks stored, but reading them back failed; answered as written: {}", stored.size(),
                    e.toString());
            return stored.stream().map(t -> asWritten(t, startedBy, group)).toList();
        }
    }

    /** The view of a task as run-task wrote it (a describe right after the commit would show the same). */
    static TaskView asWritten(Task t, String startedBy, String group) {
        return new TaskView(t.id(), t.cluster(), t.serviceName(), t.taskDefinitionArn(), t.instanceId(),
                t.desiredStatus().name(), t.lastStatus().name(), t.stopCode() == null ? null : t.stopCode().name(),
                t.stoppedReason(), micros(t.createdAt()), micros(t.startedAt()), null, micros(t.stoppedAt()),
                t.containers().stream().map(AcceptedTasks::asWritten).toList(), startedBy, group, "UNKNOWN", null, null);
    }

    private static TaskContainerView asWritten(TaskContainer c) {
        return new TaskContainerView(c.name(), c.dockerId(), c.lastStatus().name(), c.exitCode(), c.reason(),
                c.health().name(), c.hostPorts().stream()
                .map(p -> new HostPortView(p.containerPort(), p.hostPort(), p.protocol())).toList());
    }

    /** PostgreSQL keeps microseconds: the instant as a read of the row would give it. */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
