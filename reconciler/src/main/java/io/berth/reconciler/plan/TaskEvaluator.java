package io.berth.reconciler.plan;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ObservedContainer;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.StopCode;
import io.berth.reconciler.model.Task;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what one task needs, from what is stored about it and what its engine reports about its
 * containers. Pure: the same inputs give the same answer, so a pass that runs twice decides the same.
 */
final class TaskEvaluator {

    private TaskEvaluator() {
    }

    /** Nothing when the task is as it should be. The task must not be STOPPED and its engine must have answered. */
    static Optional<TaskAction> evaluate(Task task, TaskDefinitionSpec spec, List<ObservedContainer> observed, Instant now) {
        Map<String, ObservedContainer> byName = byContainerName(observed);
        List<TaskContainer> containers = describe(task, spec, byName);
        if (task.desiredStatus() == TaskStatus.STOPPED) {
            boolean anyRunning = byName.values().stream().anyMatch(c -> ContainerPhase.of(c) == ContainerPhase.RUNNING);
            return Optional.of(anyRunning
                    ? new TaskAction.Stop(task.id(), task.stopCode(), task.stoppedReason(), containers)
                    : new TaskAction.MarkStopped(task.id(), containers));
        }
        Optional<String> fatal = essentialFailure(task, spec, byName);
        if (fatal.isPresent()) {
            return Optional.of(new TaskAction.Stop(task.id(), StopCode.EssentialContainerExited, fatal.get(), containers));
        }
        boolean allEssentialRunning = spec.containers().stream()
                .filter(ContainerDefinition::essential)
                .allMatch(c -> ContainerPhase.of(byName.get(c.name())) == ContainerPhase.RUNNING);
        boolean anyNotStarted = spec.containers().stream().anyMatch(c -> {
            ContainerPhase phase = ContainerPhase.of(byName.get(c.name()));
            return phase == ContainerPhase.MISSING || phase == ContainerPhase.NOT_STARTED;
        });
        if (task.lastStatus() != TaskStatus.RUNNING && anyNotStarted) {
            return Optional.of(new TaskAction.Relaunch(task.id()));
        }
        if (task.lastStatus() != TaskStatus.RUNNING && allEssentialRunning) {
            Instant started = earliestStart(byName.values()).orElse(now);
            return Optional.of(new TaskAction.MarkRunning(task.id(), containers, started));
        }
        if (!containers.equals(task.containers())) {
            return Optional.of(new TaskAction.RecordContainers(task.id(), containers));
        }
        return Optional.empty();
    }

    /** The first essential container that exited or vanished, in words for the task's stoppedReason. */
    private static Optional<String> essentialFailure(Task task, TaskDefinitionSpec spec, Map<String, ObservedContainer> byName) {
        for (ContainerDefinition def : spec.containers()) {
            if (!def.essential()) {
                continue;
            }
            ObservedContainer state = byName.get(def.name());
            ContainerPhase phase = ContainerPhase.of(state);
            if (phase == ContainerPhase.EXITED) {
                return Optional.of("Essential container in task exited: " + exitDescription(def.name(), state));
            }
            if (phase == ContainerPhase.MISSING && task.lastStatus() == TaskStatus.RUNNING) {
                return Optional.of("Essential container in task exited: " + def.name() + " was removed outside Berth");
            }
        }
        return Optional.empty();
    }

    static String exitDescription(String name, ObservedContainer state) {
        StringBuilder sb = new StringBuilder(name);
        if (state.oomKilled()) {
            sb.append(" was OOM-killed (memory limit reached)");
            if (state.exitCode() != null) {
                sb.append(", exit code ").append(state.exitCode());
            }
        } else if (state.exitCode() != null) {
            sb.append(" exited with code ").append(state.exitCode());
        } else {
            sb.append(" is ").append(state.status());
        }
        if (state.error() != null && !state.error().isBlank()) {
            sb.append(": ").append(state.error());
        }
        return sb.toString();
    }

    private static Map<String, ObservedContainer> byContainerName(List<ObservedContainer> observed) {
        Map<String, ObservedContainer> byName = new HashMap<>();
        for (ObservedContainer c : observed) {
            String name = c.labels().get(ContainerLabels.CONTAINER);
            if (name != null) {
                // Two containers of one task and name cannot both be Berth's (names are unique per engine);
                // prefer a running one should an engine ever report both.
                byName.merge(name, c, (a, b) -> ContainerPhase.of(a) == ContainerPhase.RUNNING ? a : b);
            }
        }
        return byName;
    }

    /** The containers as they should be recorded now: keeps what is known, adds what the engine says. */
    private static List<TaskContainer> describe(Task task, TaskDefinitionSpec spec, Map<String, ObservedContainer> byName) {
        Map<String, TaskContainer> recorded = new HashMap<>();
        task.containers().forEach(c -> recorded.put(c.name(), c));
        List<TaskContainer> result = new ArrayList<>();
        for (ContainerDefinition def : spec.containers()) {
            TaskContainer known = recorded.getOrDefault(def.name(), TaskContainer.pending(def.name()));
            ObservedContainer state = byName.get(def.name());
            result.add(state == null ? known : merge(known, def, state));
        }
        return result;
    }

    private static TaskContainer merge(TaskContainer known, ContainerDefinition def, ObservedContainer state) {
        ContainerPhase phase = ContainerPhase.of(state);
        TaskStatus status = switch (phase) {
            case RUNNING -> TaskStatus.RUNNING;
            case EXITED -> TaskStatus.STOPPED;
            case MISSING, NOT_STARTED -> TaskStatus.PENDING;
        };
        Integer exitCode = phase == ContainerPhase.EXITED ? state.exitCode() : null;
        String reason = phase == ContainerPhase.EXITED && state.oomKilled() ? "OutOfMemoryError: container killed due to memory usage"
                : phase == ContainerPhase.EXITED ? emptyToNull(state.error()) : null;
        List<PortMapping> ports = state.ports().isEmpty() ? known.hostPorts() : state.ports();
        return new TaskContainer(known.name(), state.id(), status, exitCode, reason, ports, RecordedHealth.of(def, state));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Optional<Instant> earliestStart(Iterable<ObservedContainer> containers) {
        Instant earliest = null;
        for (ObservedContainer c : containers) {
            if (c.startedAt() != null && (earliest == null || c.startedAt().isBefore(earliest))) {
                earliest = c.startedAt();
            }
        }
        return Optional.ofNullable(earliest);
    }
}
